"""Sending one message to each of many recipients, exactly once, with a
per-recipient delivery log (``mail.delivery``): mailings today,
invitations and round links next.

A feature gives the writer two things: a recipients adapter
(``IBatchRecipients`` of what it sends) and a compose callable (a
recipient in, a ``Composed`` message out). Asking to send only marks the
log (``start``): a sending to thousands never holds a request. The clock
then calls ``write_batches``: the first step notes one record per
recipient, each further step writes the next ``BATCH_SIZE`` messages
into the MailHost queue and marks them queued, and every step is
committed on its own. A message enters the queue only when its step
commits, in the same commit that marks its record queued; a step cut
short (a crash, ``kill -9``, a ConflictError with another instance doing
the same step) commits neither, so the next run writes exactly those
again and nobody gets two.

``follow_up`` reads the queue (``outcomes.queue_outcomes``) and marks
records sent or failed (with the SMTP server's answer); ``resend_failed``
gives the failed ones a new attempt.
"""

from collab.portal import logger
from collab.portal.clock import now
from collab.portal.mail.delivery import DELIVERED
from collab.portal.mail.delivery import Delivery
from collab.portal.mail.delivery import DRAFT
from collab.portal.mail.delivery import FAILED
from collab.portal.mail.delivery import PENDING
from collab.portal.mail.delivery import QUEUED
from collab.portal.mail.delivery import SCHEDULED
from collab.portal.mail.delivery import SENDING
from collab.portal.mail.delivery import SENT
from collab.portal.mail.outbox import Outbox
from collab.portal.mail.outcomes import queue_outcomes
from collab.portal.mail.outcomes import release_from_tmp
from collab.portal.mail.outcomes import waiting_in_tmp
from collab.portal.mail.queue import check_mail
from collab.portal.mail.send import UnsendableMessage
from collab.portal.pace import give_way
from typing import NamedTuple
from zope.interface import Interface
import secrets
import time
import transaction


BATCH_SIZE = 100
# One tick writes batches for at most this long; the next tick goes on.
TICK_BUDGET_SECONDS = 30


class IBatchRecipients(Interface):
    """Who a batch sending goes to: an adapter of the object sent. A
    recipient is anything with ``email``, ``title`` and ``UID()`` that the
    sending's compose callable understands (a contact, a guest)."""

    def all():
        """The recipients, one per address, in the order they are sent."""

    def by_uid(uids):
        """``{uid: recipient}`` of those of ``uids`` that still exist:
        one query for a batch, not one per message."""


class Composed(NamedTuple):
    """One recipient's message. ``alternatives``: ``(content_type,
    text)`` parts beside the plain text (an iTIP invitation's
    ``text/calendar; method=REQUEST``); ``attachments`` as ``send``
    takes them (triples or prepared parts)."""

    language: str
    subject: str
    body: str
    alternatives: tuple = ()
    attachments: tuple = ()


def start(log, userid, at, send_at=None):
    """Mark ``log`` for sending (at ``send_at``, if later than ``at``).
    Returns the new state; raises ValueError when it was sent before."""
    if log.state != DRAFT:
        raise ValueError(log.state)
    log.state = SCHEDULED if send_at is not None and send_at > at else SENDING
    log.requested_by = userid
    log.requested_at = at
    return log.state


def resend_failed(log):
    """Give every failed record a new attempt; returns how many (the
    caller lists the sending for the clock again when any)."""
    if log is None:
        return 0
    failed = [key for key, record in log.records.items() if record.status == FAILED]
    for key in failed:
        log.records[key].set_status(PENDING)
        log.pending.add(key)
    if failed:
        log.state = SENDING
        log.finished_at = None
    return len(failed)


def note_recipients(log, recipients, key_of):
    """One pending record per recipient (the first step of a run);
    ``key_of(email)`` is the address's key (one record per address)."""
    for recipient in recipients.all():
        key = key_of(recipient.email)
        log.records[key] = Delivery(recipient.email, recipient.UID(), recipient.title)
        log.pending.add(key)
    log.recipients_known = True
    log.batches += 1


def queue_one(record, recipient, compose, outbox, domain):
    if record.use_address(recipient.email):
        logger.info(
            "Batch: %s now written to the recipient's new address",
            record.contact_uid,
        )
    message = compose(recipient)
    record.attempts += 1
    # Unique per attempt and per try of the step: the file of a step that
    # died before its commit must never pass for this one (``follow_up``).
    # (Short: a folded Message-Id header is refused by zope.sendmail.)
    record.message_id = f"{secrets.token_hex(10)}.{record.attempts}@{domain}"
    record.language = message.language
    record.queue = outbox.queue
    if not outbox.queue_message(
        record.email,
        message.subject,
        message.body,
        headers={"Message-Id": f"<{record.message_id}>"},
        attachments=message.attachments,
        alternatives=message.alternatives,
        language=message.language,
    ):
        raise RuntimeError("the mail queue refused the message")
    record.set_status(QUEUED)


def write_batch(log, recipients, compose, domain="batch.collab"):
    """Queue the next ``BATCH_SIZE`` pending messages (not committed)."""
    outbox = Outbox()
    keys = list(log.pending.keys()[:BATCH_SIZE])
    found = recipients.by_uid([log.records[key].contact_uid for key in keys])
    for key in keys:
        give_way()  # to the pages being served (``pace``)
        record = log.records[key]
        recipient = found.get(record.contact_uid)
        if recipient is None:
            record.set_status(FAILED, "contact deleted")
        else:
            try:
                queue_one(record, recipient, compose, outbox, domain)
            except UnsendableMessage as error:
                # Only this recipient's: the batch's others are written.
                record.set_status(FAILED, str(error))
        log.pending.remove(key)
    log.batches += 1
    if not log.pending:
        log.state = SENT
        log.finished_at = now()


def due(log, at, send_at=None):
    """Whether ``log`` has batches to write at ``at`` (a scheduled one
    whose time has come turns to sending)."""
    if log is None or log.state not in (SCHEDULED, SENDING):
        return False
    if log.state == SCHEDULED:
        if send_at is not None and send_at > at:
            return False
        log.state = SENDING
    return True


def write_batches(log, recipients, compose, key_of, label, domain="batch.collab"):
    """Steps of one sending whose log is ``due``, each committed, until
    it is written or the tick's time is up. Returns how many messages
    were queued. ``label`` names the sending in the transaction notes."""
    if check_mail() is not None:
        return 0  # it waits, unchanged, until mail can be queued
    deadline = time.monotonic() + TICK_BUDGET_SECONDS
    queued = 0
    if not log.recipients_known:
        note_recipients(log, recipients, key_of)
        transaction.commit()
    while log.pending and time.monotonic() < deadline:
        before = len(log.pending)
        write_batch(log, recipients, compose, domain)
        transaction.get().note(f"{label}: batch {log.batches}")
        transaction.commit()
        queued += before - len(log.pending)
    return queued


def follow_up(log, queue):
    """Mark queued records sent or failed from what the queue at ``queue``
    holds. Returns ``(changed, settled)``: settled once every message is
    written and none waits in the queue (the sending can leave the
    clock's list)."""
    if log is None:
        return 0, False
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
            logger.info("Batch: released %s from tmp/", record.message_id)
            continue
        if status == FAILED:
            record.set_status(FAILED, answer)
            changed += 1
        elif status is None:
            record.set_status(DELIVERED)
            changed += 1
    settled = log.state == SENT and not any(
        record.status == QUEUED for record in log.records.values()
    )
    return changed, settled
