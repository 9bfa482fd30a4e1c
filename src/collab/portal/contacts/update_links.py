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
    return UpdateLinks(lifetime_days)(contact)


class UpdateLinks:
    """``update_link`` for many contacts (a mailing's batch): the link's
    lifetime, the language roots' URLs, the token store and the issuing
    user are looked up once, not once a message (each lookup reads the
    registry, the site or the user folder)."""

    def __init__(self, lifetime_days=None):
        self.days = lifetime_days or configured_days()
        self.bases = {}  # language -> link_base of a contact in it
        self.store = tokens.token_store(create=True)
        self.actor = tokens.current_actor()

    def base(self, contact):
        """``link_base`` from what was looked up."""
        language = getattr(contact, "preferred_language", None) or "en"
        if language not in self.bases:
            self.bases[language] = link_base(contact)
        return self.bases[language]

    def __call__(self, contact):
        uid = contact.UID()
        token = tokens.issue(
            PURPOSE, uid, self.days, actor=self.actor, store=self.store
        )
        query = urlencode({"contact": uid, "token": token})
        return f"{self.base(contact)}/@@update-details?{query}"
