"""Signed one-click unfollow links.

``<forum or group>/@@unfollow?user=<userid>&token=<hmac>`` works without
logging in: the HMAC (SHA-256, over the userid and what the link stops)
proves the link came from a mail we sent to that member. The key is a
plone.keyring ring of its own: plone.protect rotates its rings weekly
(``_system``) or daily (``_forms``), and an unfollow link must still work
in a mail read months later. Rotating this ring by hand (ZMI, or
``IKeyManager.rotate("collab.portal.following")``) keeps the links of the
last few keys valid and ends older ones.
"""

from collab.portal.following.followers import holder
from hashlib import sha256
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from Products.CMFCore.interfaces import ISiteRoot
from urllib.parse import urlencode
from zope.component import getUtility
import hmac


RING = "collab.portal.following"

# What a link on the site or a language root stops: every following in
# digest mode.
ALL_DIGESTS = "digest"


def is_root(context):
    return ISiteRoot.providedBy(context) or ILanguageRootFolder.providedBy(context)


def _ring(create=False):
    manager = getUtility(IKeyManager)
    if RING in manager:
        return manager[RING]
    if not create:
        return None
    ring = Keyring(5)
    ring.fill()
    manager[RING] = ring
    return ring


def scope_of(context):
    """What an unfollow link on ``context`` stops: the forum or group (by
    the UID of its holder, the same for every translation) or, on the site
    or a language root, all digests."""
    if context is None or is_root(context):
        return ALL_DIGESTS
    return holder(context).UID()


def _sign(key, userid, scope):
    message = f"{userid}\n{scope}".encode()
    return hmac.new(key.encode(), message, sha256).hexdigest()


def token(userid, scope):
    return _sign(_ring(create=True).current, userid, scope)


def is_valid(userid, scope, candidate):
    ring = _ring()
    if ring is None or not userid or not isinstance(candidate, str):
        return False
    return any(
        hmac.compare_digest(_sign(key, userid, scope), candidate) for key in ring if key
    )


def unfollow_url(context, userid):
    """The one-click link for ``context`` (a forum, a group, the site or a
    language root)."""
    context = context if context is not None else api.portal.get()
    query = urlencode({"user": userid, "token": token(userid, scope_of(context))})
    return f"{context.absolute_url()}/@@unfollow?{query}"
