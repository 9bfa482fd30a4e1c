"""A batch sending's delivery log: one record per recipient, for any
feature that sends to many (mailings; invitations and round links next).

As CiviCRM does, every recipient has a record (``Delivery``) that says
what became of their message: ``pending`` (not yet written into the mail
queue), ``queued`` (in the MailHost queue), ``sent`` (the queue handed it
to the SMTP server) or ``failed`` (the server refused it; ``error`` holds
its answer). A ``DeliveryLog`` holds the records, the set of those still
pending, and the sending's state (``draft``, ``scheduled``, ``sending``,
``sent``: every message written into the queue).

What pages and REST show says what it means (``phase``): ``sending``
while messages are being written, ``written`` while some still wait in
the queue, ``sent`` once none does (each delivered or failed). The counts
are live: a record still queued is counted by what the queue says of it
now (``outcomes.queue_outcomes``, each file read once), so they follow the
SMTP server within seconds, not at the next tick (``batches.follow_up``
makes the records themselves follow).

The log is an annotation of the object sent (its feature names the key,
a stored name that never moves). Its records are separate persistent
objects, and every batch also writes the log itself: two instances
writing the same batch at once conflict, one of them aborts, and its
messages never leave (they leave at commit, ``outbox``).

Stored: ``Delivery`` and ``DeliveryLog`` were first pickled as
``collab.portal.contacts.delivery.*``, which still imports them.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal.clock import now
from collab.portal.mail.outcomes import queue_outcomes
from collab.portal.mail.outcomes import waiting_in_tmp
from datetime import UTC
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations


DRAFT, SCHEDULED, SENDING, SENT = "draft", "scheduled", "sending", "sent"
WRITTEN = "written"  # shown only: SENT while some messages wait in the queue
PHASES = (DRAFT, SCHEDULED, SENDING, WRITTEN, SENT)
PENDING, QUEUED, DELIVERED, FAILED = "pending", "queued", "sent", "failed"
STATUSES = (PENDING, QUEUED, DELIVERED, FAILED)


class Delivery(Persistent):
    """What became of one recipient's message."""

    # The address the record was noted with, when the contact's address
    # changed before a later attempt (records older than it have none).
    previous_email = ""

    def __init__(self, email, contact_uid, name):
        self.email = email
        self.contact_uid = contact_uid  # the recipient's UID, whatever it is
        self.name = name
        self.language = ""
        self.status = PENDING
        self.error = ""
        self.attempts = 0
        self.message_id = ""
        self.queue = ""
        self.updated = now()

    def use_address(self, email):
        """Each attempt goes to the recipient's address of the moment: a
        corrected address is used, and the record says what it replaced."""
        if email and email != self.email:
            self.previous_email = self.email
            self.email = email
            return True
        return False

    def set_status(self, status, error=""):
        self.status = status
        self.error = error
        self.updated = now()


class DeliveryLog(Persistent):
    def __init__(self):
        self.state = DRAFT
        self.requested_by = ""
        self.requested_at = None
        self.finished_at = None
        self.recipients_known = False
        self.batches = 0
        self.records = OOBTree()  # address key -> Delivery
        self.pending = OOTreeSet()  # address keys not yet queued


def delivery_log(context, key, create=False):
    """The log kept on ``context`` under the annotation ``key``."""
    annotations = IAnnotations(context)
    log = annotations.get(key)
    if log is None and create:
        log = annotations[key] = DeliveryLog()
    return log


def state_of(log):
    return log.state if log is not None else DRAFT


def phase(log, found=None):
    """The state as shown: ``written`` rather than ``sent`` while some of
    its messages still wait in the queue. ``found``: its ``counts``."""
    state = state_of(log)
    if state != SENT:
        return state
    found = found if found is not None else counts(log)
    return WRITTEN if found[QUEUED] else SENT


def live_status(record, queue):
    """What became of a queued record's message, asking the queue now:
    ``(status, answer)``; ``queue`` is ``queue_now()``."""
    if record.status != QUEUED:
        return record.status, record.error
    outcomes, in_tmp, path = queue
    if record.queue != path or record.message_id in in_tmp:
        return QUEUED, record.error
    return outcomes.get(record.message_id, (DELIVERED, ""))


def queue_now():
    path = api.portal.get_tool("MailHost").smtp_queue_directory
    return queue_outcomes(path), waiting_in_tmp(path), path


def counts(log):
    """``{status: number}`` for every status, and ``total``; queued
    records counted by what the queue says of them now."""
    found = dict.fromkeys(STATUSES, 0)
    for _record, status, _answer in live_records(log):
        found[status] = found.get(status, 0) + 1
    found["total"] = sum(found[status] for status in STATUSES)
    return found


def live_records(log, status=None):
    """``(record, live status, answer)`` by address; only of ``status`` if
    given."""
    queue = None
    for record in log.records.values() if log is not None else ():
        found, answer = record.status, record.error
        if found == QUEUED:
            queue = queue or queue_now()
            found, answer = live_status(record, queue)
        if status is None or found == status:
            yield record, found, answer


def iso(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def item(record, status=None, error=None):
    """One record as pages and REST show it (``status``, ``error``: what
    the queue says of it now)."""
    return {
        "email": record.email,
        "previous_email": record.previous_email,
        "name": record.name,
        "language": record.language,
        "status": status or record.status,
        "error": record.error if error is None else error,
        "attempts": record.attempts,
        "updated": iso(record.updated),
    }
