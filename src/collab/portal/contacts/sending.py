"""Sending a mailing: the first user of ``mail.batches``.

``start_sending`` (page and ``@send``) only marks the mailing: a mailing
to thousands never holds a request; it has the clock tick as soon as the
request commits (``clock.tick_soon``). The clock (``tasks``) then calls
``write_batches``, which has ``mail.batches`` write the mailing's
messages in committed steps, exactly once per recipient, from the
mailing's recipients adapter (``MailingRecipients``) and compose callable
(``MailingMessages``). ``follow_up`` marks the records sent or failed
from what the queue says; ``resend_failed`` gives the failed ones a new
attempt.
"""

from collab.portal import _
from collab.portal.clock import as_utc
from collab.portal.clock import now
from collab.portal.clock import tick_soon
from collab.portal.contacts.delivery import delivery_log
from collab.portal.contacts.delivery import mark_done
from collab.portal.contacts.delivery import mark_sending
from collab.portal.contacts.mailings import attachments
from collab.portal.contacts.mailings import attachments_refusal
from collab.portal.contacts.mailings import compose
from collab.portal.contacts.mailings import has_recipients
from collab.portal.contacts.mailings import recipients
from collab.portal.contacts.update_links import UpdateLinks
from collab.portal.content.contact import email_key
from collab.portal.content.mailing import IMailing
from collab.portal.mail import attachment_parts
from collab.portal.mail import batches
from collab.portal.mail.batches import Composed
from collab.portal.mail.batches import IBatchRecipients
from collab.portal.mail.delivery import DRAFT
from plone import api
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.interface import implementer


# The Message-Id's domain of a mailing's messages.
DOMAIN = "mailing.collab"


@implementer(IBatchRecipients)
@adapter(IMailing)
class MailingRecipients:
    """A mailing's recipients for ``mail.batches``: its groups' members
    and its single contacts, one per address (``mailings.recipients``)."""

    def __init__(self, mailing):
        self.mailing = mailing

    def all(self):
        return recipients(self.mailing)

    def by_uid(self, uids):
        return contacts_by_uid(uids)


class MailingMessages:
    """The compose callable of a mailing's batches: what every message
    shares (the update links' settings and token store, the attachments'
    MIME parts) looked up once."""

    def __init__(self, mailing):
        self.mailing = mailing
        self.links = UpdateLinks()
        self.files = tuple(attachment_parts(attachments(mailing)))

    def __call__(self, contact):
        language, subject, body = compose(self.mailing, contact, self.links)
        return Composed(language, subject, body, attachments=self.files)


def contacts_by_uid(uids):
    """``{uid: contact}`` of a batch's contacts from one catalog query:
    a query per message was an eighth of the time writing it (bench
    ``mailing-delivery``). A deleted contact is missing."""
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    for brain in catalog.unrestrictedSearchResults(UID=uids):
        contact = brain._unrestrictedGetObject()
        if contact is not None:
            found[brain.UID] = contact
    return found


def start_sending(mailing, userid, at=None):
    """Mark the mailing for sending (at its send time, if it has one).
    Returns the new state; raises ValueError when it was sent before."""
    log = delivery_log(mailing, create=True)
    at = at or now()
    send_at = as_utc(getattr(mailing, "send_at", None))
    state = batches.start(log, userid, at, send_at)
    mark_sending(mailing)
    request = getRequest()
    if state == batches.SENDING and request is not None:
        tick_soon(api.portal.get(), request)  # not in up to a minute
    return state


def resend_failed(mailing):
    """Give every failed record a new attempt; returns how many."""
    count = batches.resend_failed(delivery_log(mailing))
    if count:
        mark_sending(mailing)
    return count


def note_recipients(mailing, log):
    """One pending record per recipient (the first step of a run), as
    ``write_batches`` does: for tests and ``bench/`` that step alone."""
    batches.note_recipients(log, IBatchRecipients(mailing), email_key)


def write_batch(mailing, log):
    """Queue the next ``BATCH_SIZE`` pending messages (not committed), as
    ``write_batches`` does: for tests and ``bench/`` that step alone."""
    batches.write_batch(
        log, IBatchRecipients(mailing), MailingMessages(mailing), DOMAIN
    )


def write_batches(mailing, at):
    """Steps of one mailing, each committed, until it is written or the
    tick's time is up. Returns how many messages were queued."""
    log = delivery_log(mailing)
    if not batches.due(log, at, as_utc(getattr(mailing, "send_at", None))):
        return 0
    return batches.write_batches(
        log,
        IBatchRecipients(mailing),
        MailingMessages(mailing),
        email_key,
        f"mailing {mailing.UID()}",
        DOMAIN,
    )


def follow_up(mailing):
    """Mark queued records sent or failed from what the queue holds;
    the mailing leaves the clock's list when nothing is left to follow."""
    log = delivery_log(mailing)
    queue = api.portal.get_tool("MailHost").smtp_queue_directory
    changed, settled = batches.follow_up(log, queue)
    if settled:
        mark_done(mailing)
    return changed


def send_refusal(mailing, test=False):
    """Why ``mailing`` cannot be sent now, or as a ``test`` (a message for
    the reader, with the HTTP status REST answers), or None."""
    too_large = attachments_refusal(mailing)
    if too_large is not None:
        return 400, too_large
    if test:
        return None
    if delivery_log_state(mailing) != DRAFT:
        return 409, _(
            "mailing_already_sent",
            default="This mailing has already been sent or is being sent. "
            "Only failed messages can be sent again.",
        )
    if not (mailing.recipient_groups or mailing.recipient_contacts):
        return 400, _(
            "mailing_no_recipients",
            default="Choose at least one contact group or contact to send to.",
        )
    if not has_recipients(mailing):
        return 400, _(
            "mailing_no_addresses",
            default="Nobody would receive this mailing: its contact groups "
            "have no members and it has no single contacts. Add some first.",
        )
    return None


def delivery_log_state(mailing):
    log = delivery_log(mailing)
    return log.state if log is not None else DRAFT
