"""Who wrote a comment: the author key, and organisation and country
beside the name.

The author key is what rate limits, own edits and deletions, flags and the
author's view of their waiting comments compare: a member's user id, or,
for a guest without an account whom the host's policy recognises
(``ICommentPolicy.guest``), ``guest:`` and the id of the guest's token.

Organisation and country are copied onto the comment when it is added
(a guest's from its contact), so a page of comments needs no member
lookups, and the record keeps the country the participant spoke for at the
time. Comments older than this fall back to the member's current data.
"""

from Acquisition import aq_base
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.vocabularies.countries import country_name
from plone import api
from typing import NamedTuple


GUEST = "guest:"


class Guest(NamedTuple):
    """Someone commenting without an account, as a policy knows them."""

    token_id: str
    name: str
    organisation: str = ""
    country: str = ""


def author_key(comment):
    """The member's user id, ``guest:<token id>``, or None."""
    userid = getattr(comment, "author_username", None)
    if userid:
        return userid
    token = getattr(aq_base(comment), "author_token", None)
    return f"{GUEST}{token}" if token else None


def acting_author(content):
    """The author key of whoever acts now on ``content``: the member's
    user id, else the guest its policy recognises, else None."""
    if not api.user.is_anonymous():
        return api.user.get_current().getId()
    policy = ICommentPolicy(content, None)
    guest = policy.guest() if policy is not None else None
    return f"{GUEST}{guest.token_id}" if guest is not None else None


def is_guest(key):
    return bool(key) and key.startswith(GUEST)


def member_details(userid):
    member = api.user.get(userid=userid) if userid else None
    if member is None:
        return "", ""
    return (
        member.getProperty("organisation", "") or "",
        member.getProperty("country", "") or "",
    )


def record_author(comment, event):
    """A guest's details come from the policy: a guest the feature signs
    in as the principal ``guest:<token id>`` (a PAS plugin) has no member
    data to look up, one it recognises without signing in no user id."""
    if getattr(aq_base(comment), "author_country", None) is not None:
        return
    userid = comment.author_username
    if not userid or is_guest(userid):
        policy = policy_of(event.newParent)
        guest = policy.guest() if policy is not None else None
        if guest is not None:
            if not userid:
                comment.author_token = guest.token_id
            comment.author_name = comment.author_name or guest.name
            comment.author_organisation = guest.organisation
            comment.author_country = guest.country
            return
    organisation, country = member_details(comment.author_username)
    comment.author_organisation = organisation
    comment.author_country = country


def author_country(comment):
    """The ISO code of the country the author spoke for, or ""."""
    country = getattr(aq_base(comment), "author_country", None)
    if country is None:
        country = member_details(comment.author_username)[1]
    return country or ""


def author_details(comment):
    base = aq_base(comment)
    country = getattr(base, "author_country", None)
    if country is None:
        organisation, country = member_details(comment.author_username)
    else:
        organisation = getattr(base, "author_organisation", "")
    return {
        "author_organisation": organisation or None,
        "author_country": country or None,
        "author_country_name": country_name(country) or None,
    }
