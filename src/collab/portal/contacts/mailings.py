"""A mailing's recipients and the message each one gets.

Recipients are the members of the mailing's groups and its single
contacts, one per e-mail address (compared case-insensitively): a contact
in two groups, or two contacts sharing an address, get one message.

Placeholders are filled by plain substitution of the names in
``content.mailing.PLACEHOLDERS``: no template engine (EasyNewsletter's
Jinja2 runs whatever an editor writes), no ``str.format`` (which reads
attributes: ``{given_name.__class__}``). Anything else in braces stays as
written.
"""

from collab.portal import _
from collab.portal.contacts.update_links import update_link
from collab.portal.content.contact import email_key
from collab.portal.content.contact import IContact
from collab.portal.content.contact_group import IContactGroup
from collab.portal.content.mailing import PLACEHOLDERS
from collab.portal.recipients import IGroupContacts
from collab.portal.vocabularies.countries import country_name
import re


LANGUAGES = ("en", "es", "fr")
PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


# Every message carries its own copy of the attachments (issue 23): a
# mailing to 1,000 with 10 MB attached writes 10 GB into the mail queue.
MAX_ATTACHMENTS_MB = 10


def related_objects(relations, interface=None):
    """The objects of a RelationList, skipping broken relations and, with
    ``interface``, objects of another type (stored before the fields
    checked it: a Document among a mailing's groups)."""
    for relation in relations or ():
        if relation is None or relation.isBroken():
            continue
        obj = relation.to_object
        if obj is not None and (interface is None or interface.providedBy(obj)):
            yield obj


def recipients(mailing):
    """The contacts the mailing goes to, one per address, in order: the
    groups' members first, then the single contacts."""
    contacts = []
    for group in related_objects(mailing.recipient_groups, IContactGroup):
        contacts.extend(IGroupContacts(group).contacts())
    contacts.extend(related_objects(mailing.recipient_contacts, IContact))
    seen = set()
    unique = []
    for contact in contacts:
        key = email_key(getattr(contact, "email", ""))
        if key and key not in seen:
            seen.add(key)
            unique.append(contact)
    return unique


def has_recipients(mailing):
    """Whether anybody would receive ``mailing``, asked by ``@send``
    without waking its 5,000 recipients: a single contact, or a group's
    kept member intids (every contact has an address), or its relations
    where those are not kept (yet)."""
    for _contact in related_objects(mailing.recipient_contacts, IContact):
        return True
    return any(
        IGroupContacts(group).any()
        for group in related_objects(mailing.recipient_groups, IContactGroup)
    )


def language_of(mailing, language):
    """``language`` if the mailing has its subject and body in it, else
    English."""
    if language in ("es", "fr"):
        subject = getattr(mailing, f"subject_{language}", None)
        body = getattr(mailing, f"body_{language}", None)
        if subject and body:
            return language
    return "en"


def texts(mailing, language):
    """(subject, body) in ``language`` (already chosen by language_of)."""
    suffix = "" if language == "en" else f"_{language}"
    return (
        getattr(mailing, f"subject{suffix}", None) or "",
        getattr(mailing, f"body{suffix}", None) or "",
    )


def fill(text, values):
    """Replace the known placeholders in ``text``; values are looked up
    lazily (the update link issues a token only where it is used)."""

    def value(match):
        found = values(match.group(1))
        return "" if found is None else str(found)

    return PLACEHOLDER.sub(value, text)


def contact_values(contact, language, links=update_link):
    def value(name):
        if name == "country":
            return country_name(getattr(contact, "country", None), language)
        if name == "update_link":
            # A test send shows a sample link, it issues no token.
            return getattr(contact, "sample_update_link", None) or links(contact)
        return getattr(contact, name, None) or ""

    return value


def compose(mailing, contact, links=update_link, values=contact_values):
    """(language, subject, body) of the message ``contact`` gets.
    ``links`` makes the update link (a batch passes its ``UpdateLinks``);
    ``values(contact, language, links)`` gives the placeholders' values (a
    test send gives samples)."""
    language = language_of(mailing, getattr(contact, "preferred_language", None))
    subject, body = texts(mailing, language)
    filled = values(contact, language, links)
    return language, fill(subject, filled), fill(body, filled)


def attachments(mailing):
    """``(filename, content_type, data)`` of the Files in the mailing."""
    found = []
    for obj in mailing.objectValues():
        blob = getattr(obj, "file", None)
        if getattr(obj, "portal_type", None) != "File" or blob is None:
            continue
        found.append((blob.filename or obj.getId(), blob.contentType, blob.data))
    return found


def attachments_size(mailing):
    """Bytes of the Files in the mailing, from their blobs' sizes."""
    total = 0
    for obj in mailing.objectValues():
        blob = getattr(obj, "file", None)
        if getattr(obj, "portal_type", None) == "File" and blob is not None:
            total += blob.getSize()
    return total


def attachments_refusal(mailing):
    """The reader's message when the attachments exceed
    ``MAX_ATTACHMENTS_MB`` (an upload, a send, a test send), else None."""
    size = attachments_size(mailing)
    if size <= MAX_ATTACHMENTS_MB * 1024 * 1024:
        return None
    return _(
        "mailing_attachments_too_large",
        default="The attachments of this mailing take ${size} MB; a "
        "mailing carries at most ${limit} MB, since every message "
        "carries its own copy. Remove or shrink some files.",
        mapping={"size": -(-size // (1024 * 1024)), "limit": MAX_ATTACHMENTS_MB},
    )
