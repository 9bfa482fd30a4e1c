"""Sending a mailing: asked for in a request, written by the clock.

``start_sending`` (page and ``@send``) only marks the mailing: a mailing
to thousands never holds a request; it has the clock tick as soon as the
request commits (``clock.tick_soon``). The clock (``tasks``) then calls
``write_batches``: the first step notes one record per recipient, each
further step writes the next ``BATCH_SIZE`` messages into the MailHost
queue and marks them queued, and every step is committed on its own. A
message enters the queue only when its step commits, in the same commit
that marks its record queued; a step cut short (a crash, ``kill -9``, a
ConflictError with another instance doing the same step) commits neither,
so the next run writes exactly those again and nobody gets two.

``follow_up`` reads the queue (``mail.queue_outcomes``) and marks records
sent or failed (with the SMTP server's answer); ``resend_failed`` gives
the failed ones a new attempt.
"""

from collab.portal import _
from collab.portal import logger
from collab.portal.clock import as_utc
from collab.portal.clock import now
from collab.portal.clock import tick_soon
from collab.portal.contacts.delivery import DELIVERED
from collab.portal.contacts.delivery import Delivery
from collab.portal.contacts.delivery import delivery_log
from collab.portal.contacts.delivery import DRAFT
from collab.portal.contacts.delivery import FAILED
from collab.portal.contacts.delivery import mark_done
from collab.portal.contacts.delivery import mark_sending
from collab.portal.contacts.delivery import QUEUED
from collab.portal.contacts.delivery import SCHEDULED
from collab.portal.contacts.delivery import SENDING
from collab.portal.contacts.delivery import SENT
from collab.portal.contacts.mailings import attachments
from collab.portal.contacts.mailings import attachments_refusal
from collab.portal.contacts.mailings import compose
from collab.portal.contacts.mailings import has_recipients
from collab.portal.contacts.mailings import recipients
from collab.portal.contacts.update_links import UpdateLinks
from collab.portal.content.contact import email_key
from collab.portal.mail import attachment_parts
from collab.portal.mail import check_mail
from collab.portal.mail import Outbox
from collab.portal.mail import queue_outcomes
from collab.portal.mail import release_from_tmp
from collab.portal.mail import UnsendableMessage
from collab.portal.mail import waiting_in_tmp
from collab.portal.pace import give_way
from plone import api
from zope.globalrequest import getRequest
import secrets
import time
import transaction


BATCH_SIZE = 100
# One tick writes batches for at most this long; the next tick goes on.
TICK_BUDGET_SECONDS = 30


def start_sending(mailing, userid, at=None):
    """Mark the mailing for sending (at its send time, if it has one).
    Returns the new state; raises ValueError when it was sent before."""
    log = delivery_log(mailing, create=True)
    if log.state != DRAFT:
        raise ValueError(log.state)
    at = at or now()
    send_at = as_utc(getattr(mailing, "send_at", None))
    log.state = SCHEDULED if send_at is not None and send_at > at else SENDING
    log.requested_by = userid
    log.requested_at = at
    mark_sending(mailing)
    request = getRequest()
    if log.state == SENDING and request is not None:
        tick_soon(api.portal.get(), request)  # not in up to a minute
    return log.state


def resend_failed(mailing):
    """Give every failed record a new attempt; returns how many."""
    log = delivery_log(mailing)
    if log is None:
        return 0
    failed = [key for key, record in log.records.items() if record.status == FAILED]
    for key in failed:
        log.records[key].set_status("pending")
        log.pending.add(key)
    if failed:
        log.state = SENDING
        log.finished_at = None
        mark_sending(mailing)
    return len(failed)


def note_recipients(mailing, log):
    """One pending record per recipient (the first step of a run)."""
    for contact in recipients(mailing):
        key = email_key(contact.email)
        log.records[key] = Delivery(contact.email, contact.UID(), contact.title)
        log.pending.add(key)
    log.recipients_known = True
    log.batches += 1


def queue_one(mailing, record, contact, batch):
    if record.use_address(contact.email):
        logger.info(
            "Mailing %s: %s now written to the contact's new address",
            mailing.UID(),
            record.contact_uid,
        )
    language, subject, body = compose(mailing, contact, batch.links)
    record.attempts += 1
    # Unique per attempt and per try of the step: the file of a step that
    # died before its commit must never pass for this one (``follow_up``).
    # (Short: a folded Message-Id header is refused by zope.sendmail.)
    record.message_id = f"{secrets.token_hex(10)}.{record.attempts}@mailing.collab"
    record.language = language
    record.queue = batch.outbox.queue
    if not batch.outbox.queue_message(
        record.email,
        subject,
        body,
        headers={"Message-Id": f"<{record.message_id}>"},
        attachments=batch.files,
    ):
        raise RuntimeError("the mail queue refused the message")
    record.set_status(QUEUED)


class Batch:
    """What every message of a batch shares, looked up once: the outbox
    (MailHost, queue, sender), the update links' settings and token
    store, the attachments' MIME parts."""

    def __init__(self, mailing):
        self.outbox = Outbox()
        self.links = UpdateLinks()
        self.files = attachment_parts(attachments(mailing))


def write_batch(mailing, log):
    """Queue the next ``BATCH_SIZE`` pending messages (not committed)."""
    batch = Batch(mailing)
    keys = list(log.pending.keys()[:BATCH_SIZE])
    contacts = contacts_by_uid([log.records[key].contact_uid for key in keys])
    for key in keys:
        give_way()  # to the pages being served (``pace``)
        record = log.records[key]
        contact = contacts.get(record.contact_uid)
        if contact is None:
            record.set_status(FAILED, "contact deleted")
        else:
            try:
                queue_one(mailing, record, contact, batch)
            except UnsendableMessage as error:
                # Only this recipient's: the batch's others are written.
                record.set_status(FAILED, str(error))
        log.pending.remove(key)
    log.batches += 1
    if not log.pending:
        log.state = SENT
        log.finished_at = now()


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


def write_batches(mailing, at):
    """Steps of one mailing, each committed, until it is written or the
    tick's time is up. Returns how many messages were queued."""
    log = delivery_log(mailing)
    if log is None or log.state not in (SCHEDULED, SENDING):
        return 0
    send_at = as_utc(getattr(mailing, "send_at", None))
    if log.state == SCHEDULED:
        if send_at is not None and send_at > at:
            return 0
        log.state = SENDING
    if check_mail() is not None:
        return 0  # it waits, unchanged, until mail can be queued
    deadline = time.monotonic() + TICK_BUDGET_SECONDS
    queued = 0
    if not log.recipients_known:
        note_recipients(mailing, log)
        transaction.commit()
    while log.pending and time.monotonic() < deadline:
        before = len(log.pending)
        write_batch(mailing, log)
        transaction.get().note(f"mailing {mailing.UID()}: batch {log.batches}")
        transaction.commit()
        queued += before - len(log.pending)
    return queued


def follow_up(mailing):
    """Mark queued records sent or failed from what the queue holds;
    the mailing leaves the clock's list when nothing is left to follow."""
    log = delivery_log(mailing)
    if log is None:
        return 0
    queue = api.portal.get_tool("MailHost").smtp_queue_directory
    outcomes = None
    in_tmp = None
    changed = 0
    for record in log.records.values():
        if record.status != QUEUED or record.queue != queue:
            continue
        if outcomes is None:
            outcomes, in_tmp = queue_outcomes(queue), waiting_in_tmp(queue)
        status, answer = outcomes.get(record.message_id, (None, ""))
        if status is None and record.message_id in in_tmp:
            # Committed here, but the process died before zope.sendmail
            # moved the file out of tmp/: move it now.
            release_from_tmp(queue, in_tmp[record.message_id])
            logger.info("Mailing: released %s from tmp/", record.message_id)
            continue
        if status == FAILED:
            record.set_status(FAILED, answer)
            changed += 1
        elif status is None:
            record.set_status(DELIVERED)
            changed += 1
    if log.state == SENT and not any(
        record.status == QUEUED for record in log.records.values()
    ):
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
