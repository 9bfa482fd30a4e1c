"""A sending that is not a mailing, as meetings will make one: guests
(no contacts), an invitation with an iTIP part beside its text."""

from collab.portal.mail.batches import Composed
from collab.portal.mail.batches import IBatchRecipients
from zope.interface import implementer


LOG_KEY = "collab.portal.tests.invitations"

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//collab.portal//tests//EN\r\n"
    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:meeting-1@collab\r\n"
    "DTSTART:20270115T090000Z\r\nSUMMARY:Réunion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
CALENDAR = "text/calendar; method=REQUEST"


class Guest:
    def __init__(self, email, title, language="fr"):
        self.email = email
        self.title = title
        self.language = language

    def UID(self):
        return f"guest-{self.email}"


@implementer(IBatchRecipients)
class Guests:
    """A recipients adapter of a plain list."""

    def __init__(self, guests):
        self.guests = list(guests)

    def all(self):
        return self.guests

    def by_uid(self, uids):
        return {guest.UID(): guest for guest in self.guests if guest.UID() in uids}


def invitation(guest):
    """The compose callable: text and calendar, in the guest's language."""
    return Composed(
        guest.language,
        f"Invitation: {guest.title}",
        f"Dear {guest.title},\n\nyou are invited.\n",
        alternatives=((CALENDAR, ICS),),
    )
