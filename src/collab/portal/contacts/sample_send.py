"""A mailing's test send: one message per language it is written in, to
the sender alone, filled as a real recipient would see it.

The placeholders take the sender's own values where the directory has a
contact with the sender's address (their given name, organisation,
country, in each language), and otherwise a sample that reads as one
(``[Given name]``, ``[Country]``, in the message's language): never the
sender's full name in ``{given_name}`` or empty places that look like a
fault. The update link is a sample: a test send issues no token.
"""

from collab.portal import _
from collab.portal.contacts.mailings import attachments
from collab.portal.contacts.mailings import compose
from collab.portal.contacts.mailings import contact_values
from collab.portal.contacts.mailings import LANGUAGES
from collab.portal.content.contact import contacts_with_email
from collab.portal.content.contact import directory_of
from collab.portal.mail import queue_message
from plone import api
from zope.i18n import translate


SAMPLES = {
    "salutation": _("Salutation"),
    "given_name": _("Given name"),
    "family_name": _("Family name"),
    "organisation": _("Organisation"),
    "country": _("Country"),
}


def sample_link():
    return f"{api.portal.get().absolute_url()}/@@update-details"


def sender_contact(mailing, email, userid):
    """The sender's own contact in the mailing's directory, found by
    address (the one linked to ``userid`` first), or None."""
    directory = directory_of(mailing)
    if directory is None or not email:
        return None
    brains = contacts_with_email(directory, email)
    found = [brain._unrestrictedGetObject() for brain in brains]
    found.sort(key=lambda contact: getattr(contact, "linked_user", None) != userid)
    return found[0] if found else None


def own_values(contact):
    """Placeholder values from the sender's contact, a sample link."""

    def values(_stand_in, language, links):
        real = contact_values(contact, language, links)
        return lambda name: sample_link() if name == "update_link" else real(name)

    return values


def sample_values(_stand_in, language, _links):
    """Bracketed names of the fields, in the message's language."""

    def value(name):
        if name == "update_link":
            return sample_link()
        return "[" + translate(SAMPLES[name], target_language=language) + "]"

    return value


class StandIn:
    """Chooses each language in turn for ``compose``."""

    preferred_language = "en"


def send_test(mailing, email, userid):
    """Queue the test messages to ``email``; returns their languages."""
    contact = sender_contact(mailing, email, userid)
    values = own_values(contact) if contact is not None else sample_values
    files = attachments(mailing)
    stand_in = StandIn()
    sent = []
    for language in LANGUAGES:
        stand_in.preferred_language = language
        used, subject, body = compose(mailing, stand_in, values=values)
        if used != language:
            continue
        if queue_message(
            email, f"[Test] {subject}", body, attachments=files, language=language
        ):
            sent.append(language)
    return sent
