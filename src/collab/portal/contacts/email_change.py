"""A new e-mail address given through a personal link waits for
confirmation from that address; the old address is told once it changes.

Whoever holds a contact's update link (a forwarded mail, a shared
mailbox) could otherwise move all the contact's mail to an address of
their own at once. The request is kept on the contact (one at a time: a
new one replaces it) with a token of its own (purpose ``contact-email``,
``CONFIRM_DAYS`` days) mailed to the new address; following that link
and confirming stores it (``self_update.confirm_email``). The answer to
the request is the same whether or not another contact already has the
address: only the new address's mailbox is told that it is taken.
"""

from Acquisition import aq_parent
from collab.portal import _
from collab.portal import tokens
from collab.portal.clock import now
from collab.portal.contacts.directory import contact_by_email
from collab.portal.contacts.update_links import link_base
from collab.portal.errors import Conflict
from collab.portal.errors import shown
from collab.portal.mail import queue_message
from urllib.parse import urlencode
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


PURPOSE = "contact-email"
PENDING_KEY = "collab.portal.contacts.pending_email"  # stored: never renamed
CONFIRM_DAYS = 2


def pending(contact):
    """``{"email", "token_id", "requested"}`` of the waiting request, or None."""
    value = IAnnotations(contact).get(PENDING_KEY)
    return dict(value) if value else None


def taken_by_other(contact, address):
    other = contact_by_email(aq_parent(contact), address)
    return other is not None and other.UID() != contact.UID()


def request_change(contact, address, at=None):
    """Mail ``address`` a confirmation link (or, if another contact has it,
    a notice saying so) and keep the request; returns the confirmation
    link (a page showing it must not: it holds the token), None if the
    address is taken."""
    at = at or now()
    withdraw(contact)
    language = getattr(contact, "preferred_language", None) or "en"
    name = contact.Title()
    if taken_by_other(contact, address):
        _mail(address, language, MAIL_TAKEN_SUBJECT, MAIL_TAKEN_BODY)
        return None
    uid = contact.UID()
    token = tokens.issue(PURPOSE, uid, CONFIRM_DAYS, actor=f"contact:{uid}", at=at)
    record = tokens.tokens_of(PURPOSE, uid)[0]
    IAnnotations(contact)[PENDING_KEY] = {
        "email": address,
        "token_id": record.token_id,
        "requested": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    query = urlencode({"contact": uid, "token": token})
    link = f"{link_base(contact)}/@@confirm-email?{query}"
    _mail(
        address, language, MAIL_CONFIRM_SUBJECT, MAIL_CONFIRM_BODY, name=name, link=link
    )
    return link


def withdraw(contact):
    """Forget a waiting request and end its link."""
    waiting = pending(contact)
    if waiting is not None:
        tokens.revoke(waiting["token_id"], actor=f"contact:{contact.UID()}")
        del IAnnotations(contact)[PENDING_KEY]


def take(contact, record):
    """The address the confirmation ``record`` confirms, the request
    forgotten and its link ended (one use); a shown 403 if it confirms no
    waiting request, a shown 409 if another contact has the address now."""
    waiting = pending(contact)
    request = getRequest()
    if waiting is None or waiting["token_id"] != record.token_id:
        raise shown(Forbidden(translate(tokens.REFUSED, context=request)))
    if taken_by_other(contact, waiting["email"]):
        raise shown(Conflict(translate(TAKEN_NOW, context=request)))
    withdraw(contact)
    return waiting["email"]


def tell_old_address(contact, old, new):
    if old and old != new:
        language = getattr(contact, "preferred_language", None) or "en"
        _mail(
            old,
            language,
            MAIL_CHANGED_SUBJECT,
            MAIL_CHANGED_BODY,
            name=contact.Title(),
            new=new,
        )


def _mail(address, language, subject, body, **mapping):
    queue_message(
        address,
        translate(subject, target_language=language),
        translate(Message(body, mapping=mapping), target_language=language),
    )


MAIL_CONFIRM_SUBJECT = _(
    "email_confirm_subject", default="Confirm your new e-mail address"
)
MAIL_CONFIRM_BODY = _(
    "email_confirm_body",
    default="Hello ${name},\n\nThis address was given as your new e-mail "
    "address in the secretariat's directory. To confirm it, open this link "
    "within two days and press Confirm:\n\n${link}\n\nIf you did not ask for "
    "this, ignore this message: nothing changes.",
)
MAIL_TAKEN_SUBJECT = _(
    "email_taken_subject", default="About your e-mail address in our directory"
)
MAIL_TAKEN_BODY = _(
    "email_taken_body",
    default="Hello,\n\nThis address was given as a new e-mail address in "
    "the secretariat's directory, but another entry of the directory already "
    "uses it, so nothing was changed. If you did not expect this message, you "
    "can ignore it; otherwise please write to the secretariat.",
)
MAIL_CHANGED_SUBJECT = _(
    "email_changed_subject", default="Your e-mail address was changed"
)
MAIL_CHANGED_BODY = _(
    "email_changed_body",
    default="Hello ${name},\n\nYour e-mail address in the secretariat's "
    "directory is now ${new}, as confirmed from that address. Messages will go "
    "there from now on. If you did not ask for this, please write to the "
    "secretariat.",
)
TAKEN_NOW = _(
    "email_taken_now",
    default="This address cannot be used here. Please write to the secretariat.",
)
