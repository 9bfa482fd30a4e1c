"""A contact's personal link to correct their own details.

``{update_link}`` in a mailing becomes ``update_link(contact)``: a token
of ``collab.portal.tokens`` for the purpose ``contact-update``, scoped to
the contact's UID and valid for the days set in the control panel
(``collab.portal.contacts.update_link_days``). The link opens
``@@update-details`` in the contact's preferred language root, where one
exists.
"""

from collab.portal import tokens
from plone import api
from urllib.parse import urlencode


PURPOSE = "contact-update"
DEFAULT_DAYS = 60


def configured_days():
    days = api.portal.get_registry_record(
        "collab.portal.contacts.update_link_days", default=None
    )
    return days or DEFAULT_DAYS


def link_base(contact):
    """The language root of the contact's language, or the site."""
    portal = api.portal.get()
    language = getattr(contact, "preferred_language", None) or "en"
    root = portal.get(language) if language in portal.objectIds() else None
    return (root if root is not None else portal).absolute_url()


def update_link(contact, lifetime_days=None) -> str:
    """Issue a token for ``contact`` and return the absolute URL of its
    self-update page (a new token each call: one per mail)."""
    token = tokens.issue(PURPOSE, contact.UID(), lifetime_days or configured_days())
    query = urlencode({"contact": contact.UID(), "token": token})
    return f"{link_base(contact)}/@@update-details?{query}"
