"""Who wrote a comment: organisation and country beside the name.

They are copied onto the comment when it is added, so a page of comments
needs no member lookups, and the record keeps the country the participant
spoke for at the time. Comments older than this fall back to the member's
current data.
"""

from Acquisition import aq_base
from collab.portal.vocabularies.countries import country_name
from plone import api


def member_details(userid):
    member = api.user.get(userid=userid) if userid else None
    if member is None:
        return "", ""
    return (
        member.getProperty("organisation", "") or "",
        member.getProperty("country", "") or "",
    )


def record_author(comment, event):
    if getattr(aq_base(comment), "author_country", None) is not None:
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
