"""What the guest machinery asks of a draft (``interfaces.IGuestAccess``),
answered from its rounds: a guest link of round N for contact C has the
subject ``<draft uid>:N:C``; it opens the draft while round N is open,
takes guests and is before its deadline. The guest signs with the name,
organisation and country of the contact record."""

from collab.portal.comments.authors import Guest
from collab.portal.content.draft_document import IDraftDocument
from collab.portal.drafts.interfaces import IGuestAccess
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.rounds import open_round_of
from plone import api
from zope.component import adapter
from zope.interface import implementer
import re


_CONTACT = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


@implementer(IGuestAccess)
@adapter(IDraftDocument)
class DraftGuestAccess:
    purpose = GUEST_PURPOSE

    def __init__(self, context):
        self.context = context

    def subject(self, contact):
        round = open_round_of(self.context)
        if round is None or not _CONTACT.match(contact or ""):
            return None
        return round.guest_subject(self.context, contact)

    def accepts(self, record):
        round = open_round_of(self.context)
        if round is None or not round.guests_allowed or not round.taking_comments():
            return False
        draft_uid, number, contact = (record.subject.split(":") + ["", ""])[:3]
        return (
            draft_uid == self.context.UID()
            and number == str(round.number)
            and contact in round.invitees
        )

    def guest(self, record):
        contact = contact_of(record.subject.rsplit(":", 1)[-1])
        if contact is None:
            return Guest(record.token_id, "")
        return Guest(
            record.token_id,
            contact.title or "",
            getattr(contact, "organisation", "") or "",
            getattr(contact, "country", "") or "",
        )


def contact_of(uid):
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        UID=uid, portal_type="Contact"
    )
    return brains[0]._unrestrictedGetObject() if brains else None
