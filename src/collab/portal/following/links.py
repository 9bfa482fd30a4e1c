"""Signed one-click unfollow links.

``<forum or group>/@@unfollow?user=<userid>&token=<hmac>`` works without
logging in: the HMAC (SHA-256, over the userid and what the link stops)
proves the link came from a mail we sent to that member. Signing is
``collab.portal.tokens`` on the ring ``collab.portal.following`` (a name
stored in the database: it never changes, or sent links would stop
working).
"""

from collab.portal import tokens
from collab.portal.following.followers import holder
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from Products.CMFCore.interfaces import ISiteRoot
from urllib.parse import urlencode


RING = "collab.portal.following"

# What a link on the site or a language root stops: every following in
# digest mode.
ALL_DIGESTS = "digest"


def is_root(context):
    return ISiteRoot.providedBy(context) or ILanguageRootFolder.providedBy(context)


def scope_of(context):
    """What an unfollow link on ``context`` stops: the forum or group (by
    the UID of its holder, the same for every translation) or, on the site
    or a language root, all digests."""
    if context is None or is_root(context):
        return ALL_DIGESTS
    return holder(context).UID()


def token(userid, scope):
    return tokens.sign(RING, userid, scope)


def is_valid(userid, scope, candidate):
    if not userid:
        return False
    return tokens.is_valid(RING, candidate, userid, scope)


def unfollow_url(context, userid):
    """The one-click link for ``context`` (a forum, a group, the site or a
    language root)."""
    context = context if context is not None else api.portal.get()
    query = urlencode({"user": userid, "token": token(userid, scope_of(context))})
    return f"{context.absolute_url()}/@@unfollow?{query}"
