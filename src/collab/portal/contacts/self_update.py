"""A contact corrects their own details through their personal link.

Four fields are theirs to change (organisation, phone, e-mail, preferred
language); each is checked as the edit form checks it, and every change
is recorded on the contact (when, through which link, old and new value)
for the secretariat to review. The position is shown but not theirs: a
nomination is an official act of the Party, recorded by the secretariat.
A new e-mail address waits for confirmation from that address
(``email_change``), and the answer never says whether another contact
has it. The token is checked by the caller (``check_link``); this module
acts only after it passed.
"""

from collab.portal import _
from collab.portal import tokens
from collab.portal.clock import now
from collab.portal.contacts import email_change
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.content.contact import control_character_message
from collab.portal.content.contact import InvalidEmail
from collab.portal.content.contact import InvalidPhone
from collab.portal.content.contact import LANGUAGES
from collab.portal.content.contact import NonAsciiLocalPart
from collab.portal.content.contact import normalized_email
from collab.portal.content.contact import normalized_phone
from collab.portal.errors import shown
from persistent.list import PersistentList
from plone.app.uuid.utils import uuidToObject
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema.interfaces import IVocabularyFactory


FIELDS = ("organisation", "position", "phone", "email", "preferred_language")
READ_ONLY = ("position",)
CHANGES_KEY = "collab.portal.contacts.changes"  # stored: never renamed
MAX_ORGANISATION = 200

BAD_EMAIL = _("This is not a valid e-mail address.")
POSITION_READ_ONLY = _(
    "position_read_only",
    default="Your position is recorded by the secretariat. To change it, "
    "please write to the secretariat.",
)
BAD_PHONE = _(
    "This is not a valid phone number. Write it in international form, "
    "starting with + and the country code."
)
BAD_CHOICE = _("choice_unknown", default="Choose one of the values offered.")
TOO_LONG = _("text_too_long", default="This text is too long.")


def contact_of(uid):
    """The contact a link names, or None (whoever may view it)."""
    obj = uuidToObject(uid, unrestricted=True) if isinstance(uid, str) else None
    return obj if getattr(obj, "portal_type", None) == "Contact" else None


def check_link(uid, token, client, purpose=PURPOSE):
    """The contact and token record of a personal link; raises the
    shown 403/429 of ``tokens.check`` otherwise (a link to no contact is
    refused the same way)."""
    contact = contact_of(uid)
    record = tokens.check(
        purpose, contact.UID() if contact is not None else str(uid)[:100], token, client
    )
    if contact is None:  # a token that outlived its contact
        raise shown(Forbidden(translate(tokens.REFUSED, context=getRequest())))
    return contact, record


def details(contact):
    return {name: getattr(contact, name, None) for name in FIELDS}


def positions(contact):
    return getUtility(IVocabularyFactory, "collab.portal.ContactPositions")(contact)


def checked(contact, values):
    """``(clean values, errors)``: only the fields sent, each checked;
    ``errors`` maps a field to its message."""
    clean, errors = {}, {}
    for name in FIELDS:
        if name not in values:
            continue
        value = values[name]
        if value is not None and not isinstance(value, str):
            errors[name] = BAD_CHOICE
            continue
        value = (value or "").strip()
        if name == "organisation":
            if len(value) > MAX_ORGANISATION:
                errors[name] = TOO_LONG
            elif control_character_message(value):
                errors[name] = control_character_message(value)
            else:
                clean[name] = value or None
        elif name in READ_ONLY:
            if value != (getattr(contact, name, None) or ""):
                errors[name] = POSITION_READ_ONLY
        elif name == "preferred_language":
            if value not in LANGUAGES:
                errors[name] = BAD_CHOICE
            else:
                clean[name] = value
        elif name == "phone":
            try:
                clean[name] = normalized_phone(value) if value else None
            except InvalidPhone:
                errors[name] = BAD_PHONE
        elif name == "email":
            try:
                address = normalized_email(value)
            except NonAsciiLocalPart as error:
                errors[name] = error.doc()
                continue
            except InvalidEmail:
                errors[name] = BAD_EMAIL
                continue
            if address != _normalized_or_none(contact.email):
                clean[name] = address
    return clean, errors


def _normalized_or_none(address):
    try:
        return normalized_email(address) if address else None
    except InvalidEmail:
        return None


def apply(contact, record, clean, at=None):
    """Store the changed values, record each change and the token's use;
    returns the changes (nothing if nothing differs)."""
    at = at or now()
    when = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    by = f"contact:{contact.UID()}"
    changes = []
    for name, new in clean.items():
        old = getattr(contact, name, None)
        if old == new:
            continue
        setattr(contact, name, new)
        changes.append(
            {
                "at": when,
                "by": by,
                "token_id": record.token_id,
                "field": name,
                "old": old,
                "new": new,
                "reviewed": False,
            }
        )
    if not changes:
        return []
    log = IAnnotations(contact).get(CHANGES_KEY)
    if log is None:
        log = IAnnotations(contact)[CHANGES_KEY] = PersistentList()
    log.extend(changes)
    tokens.record_use(
        record, "details-updated", by, at, fields=[c["field"] for c in changes]
    )
    fields = (c["field"] for c in changes)
    notify(ObjectModifiedEvent(contact, Attributes(None, *fields)))
    contact.reindexObject()
    return changes


def save(contact, record, clean, at=None):
    """``(changes, pending address or None)``: store what ``checked``
    passed, except a new e-mail address, which is mailed a confirmation
    link instead (the same answer whether or not another contact has it)."""
    clean = dict(clean)
    address = clean.pop("email", None)
    changes = apply(contact, record, clean, at)
    if address is not None:
        email_change.request_change(contact, address, at)
        by = f"contact:{contact.UID()}"
        tokens.record_use(record, "email-change-requested", by, at)
    return changes, address


def confirm_email(contact, record, at=None):
    """Store the address that the confirmation ``record`` confirms (a
    recorded change like any other) and tell the old address."""
    address = email_change.take(contact, record)
    old = contact.email
    changes = apply(contact, record, {"email": address}, at)
    email_change.tell_old_address(contact, old, address)
    return changes


def position_title(contact):
    value = getattr(contact, "position", None)
    if not value:
        return None
    try:
        return positions(contact).getTerm(value).title
    except LookupError:
        return value


def changes_of(contact, unreviewed_only=False):
    log = IAnnotations(contact).get(CHANGES_KEY, ())
    return [dict(c) for c in log if not (unreviewed_only and c["reviewed"])]


def mark_reviewed(contact, actor, at=None):
    """The secretariat has looked at every change so far; returns how many
    were newly marked."""
    at = (at or now()).strftime("%Y-%m-%dT%H:%M:%SZ")
    log = IAnnotations(contact).get(CHANGES_KEY, ())
    count = 0
    for index, change in enumerate(log):
        if not change["reviewed"]:
            log[index] = {
                **change,
                "reviewed": True,
                "reviewed_by": actor,
                "reviewed_at": at,
            }
            count += 1
    return count
