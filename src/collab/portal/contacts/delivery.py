"""A mailing's delivery: one record per recipient, kept on the mailing.

As CiviCRM does, every recipient has a record (``Delivery``) that says
what became of their message: ``pending`` (not yet written into the mail
queue), ``queued`` (in the MailHost queue), ``sent`` (the queue handed it
to the SMTP server) or ``failed`` (the server refused it; ``error`` holds
its answer). The mailing's ``DeliveryLog`` holds the records, the set of
those still pending, and the mailing's state (``draft``, ``scheduled``,
``sending``, ``sent``: every message written into the queue).

What pages and REST show says what it means (``phase``): ``sending``
while messages are being written, ``written`` while some still wait in
the queue, ``sent`` once none does (each delivered or failed). The counts
are live: a record the clock still has as queued is counted by what the
queue says of it now (``mail.queue_outcomes``, each file read once), so
they follow the SMTP server within seconds, not at the next tick, which
makes the records themselves follow (``sending.follow_up``).

The log is an annotation of the mailing (``LOG_KEY``: a stored name that
never moves). Its records are separate persistent objects, and every batch
also writes the log itself: two instances writing the same batch at once
conflict, one of them aborts, and its messages never leave (they leave at
commit, ``mail.queue_message``).
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal.clock import now
from collab.portal.contacts.interfaces import ISendingMailing
from collab.portal.mail import queue_outcomes
from collab.portal.mail import waiting_in_tmp
from datetime import UTC
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zope.interface import noLongerProvides


LOG_KEY = "collab.portal.contacts.delivery"

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
        self.contact_uid = contact_uid
        self.name = name
        self.language = ""
        self.status = PENDING
        self.error = ""
        self.attempts = 0
        self.message_id = ""
        self.queue = ""
        self.updated = now()

    def use_address(self, email):
        """Each attempt goes to the contact's address of the moment: a
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


def delivery_log(mailing, create=False):
    annotations = IAnnotations(mailing)
    log = annotations.get(LOG_KEY)
    if log is None and create:
        log = annotations[LOG_KEY] = DeliveryLog()
    return log


def state_of(mailing):
    log = delivery_log(mailing)
    return log.state if log is not None else DRAFT


def phase(mailing, found=None):
    """The state as shown: ``written`` rather than ``sent`` while some of
    its messages still wait in the queue. ``found``: its ``counts``."""
    state = state_of(mailing)
    if state != SENT:
        return state
    found = found if found is not None else counts(mailing)
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


def counts(mailing):
    """``{status: number}`` for every status, and ``total``; queued
    records counted by what the queue says of them now."""
    found = dict.fromkeys(STATUSES, 0)
    log = delivery_log(mailing)
    queue = None
    for record in log.records.values() if log is not None else ():
        status = record.status
        if status == QUEUED:
            queue = queue or queue_now()
            status = live_status(record, queue)[0]
        found[status] = found.get(status, 0) + 1
    found["total"] = sum(found[status] for status in STATUSES)
    return found


def records(mailing, status=None):
    """The records, by address; only those whose live status is
    ``status`` if given."""
    for record, _status, _answer in live_records(mailing, status):
        yield record


def live_records(mailing, status=None):
    """``(record, live status, answer)`` by address; only of ``status`` if
    given."""
    log = delivery_log(mailing)
    queue = None
    for record in log.records.values() if log is not None else ():
        found, answer = record.status, record.error
        if found == QUEUED:
            queue = queue or queue_now()
            found, answer = live_status(record, queue)
        if status is None or found == status:
            yield record, found, answer


def mark_sending(mailing):
    """Listed for the clock (catalog: ``object_provides``)."""
    alsoProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])


def mark_done(mailing):
    noLongerProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])


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
