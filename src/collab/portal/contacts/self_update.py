"""A contact corrects their own details through their personal link.

Only five fields are theirs to change (organisation, position, phone,
e-mail, preferred language); each is checked as the edit form checks it,
and every change is recorded on the contact (when, through which link,
old and new value) for the secretariat to review. The token is checked
by the caller (``collab.portal.tokens.check``); this module acts only
after it passed.
"""

from Acquisition import aq_parent
from collab.portal import _
from collab.portal import tokens
from collab.portal.contacts.directory import contact_by_email
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.content.contact import control_character_message
from collab.portal.content.contact import InvalidEmail
from collab.portal.content.contact import InvalidPhone
from collab.portal.content.contact import LANGUAGES
from collab.portal.content.contact import normalized_email
from collab.portal.content.contact import normalized_phone
from collab.portal.errors import shown
from datetime import datetime
from datetime import UTC
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
CHANGES_KEY = "collab.portal.contacts.changes"  # stored: never renamed
MAX_ORGANISATION = 200

BAD_EMAIL = _("This is not a valid e-mail address.")
TAKEN_EMAIL = _(
    "email_taken",
    default="Another contact of the directory already has this e-mail address.",
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


def check_link(uid, token, client):
    """The contact and token record of a personal link; raises the
    shown 403/429 of ``tokens.check`` otherwise (a link to no contact is
    refused the same way)."""
    contact = contact_of(uid)
    record = tokens.check(
        PURPOSE, contact.UID() if contact is not None else str(uid)[:100], token, client
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
        elif name == "position":
            if value and value not in positions(contact):
                errors[name] = BAD_CHOICE
            else:
                clean[name] = value or None
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
            except InvalidEmail:
                errors[name] = BAD_EMAIL
                continue
            other = contact_by_email(aq_parent(contact), address)
            if other is not None and other.UID() != contact.UID():
                errors[name] = TAKEN_EMAIL
            elif address != _normalized_or_none(contact.email):
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
    at = at or datetime.now(UTC)
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


def changes_of(contact, unreviewed_only=False):
    log = IAnnotations(contact).get(CHANGES_KEY, ())
    return [dict(c) for c in log if not (unreviewed_only and c["reviewed"])]


def mark_reviewed(contact, actor, at=None):
    """The secretariat has looked at every change so far; returns how many
    were newly marked."""
    at = (at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
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
