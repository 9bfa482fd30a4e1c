"""A mailing's delivery: one record per recipient, kept on the mailing.

As CiviCRM does, every recipient has a record (``Delivery``) that says
what became of their message: ``pending`` (not yet written into the mail
queue), ``queued`` (in the MailHost queue), ``sent`` (the queue handed it
to the SMTP server) or ``failed`` (the server refused it; ``error`` holds
its answer). The mailing's ``DeliveryLog`` holds the records, the set of
those still pending, and the mailing's state (``draft``, ``scheduled``,
``sending``, ``sent``).

The log is an annotation of the mailing (``LOG_KEY``: a stored name that
never moves). Its records are separate persistent objects, and every batch
also writes the log itself: two instances writing the same batch at once
conflict, one of them aborts, and its messages never leave (they leave at
commit, ``mail.queue_message``).
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal.contacts.interfaces import ISendingMailing
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zope.interface import noLongerProvides


LOG_KEY = "collab.portal.contacts.delivery"

DRAFT, SCHEDULED, SENDING, SENT = "draft", "scheduled", "sending", "sent"
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
        self.updated = datetime.now(UTC)

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
        self.updated = datetime.now(UTC)


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


def counts(mailing):
    """``{status: number}`` for every status, and ``total``."""
    found = dict.fromkeys(STATUSES, 0)
    log = delivery_log(mailing)
    for record in log.records.values() if log is not None else ():
        found[record.status] = found.get(record.status, 0) + 1
    found["total"] = sum(found[status] for status in STATUSES)
    return found


def records(mailing, status=None):
    """The records, by address; only those of ``status`` if given."""
    log = delivery_log(mailing)
    for record in log.records.values() if log is not None else ():
        if status is None or record.status == status:
            yield record


def mark_sending(mailing):
    """Listed for the clock (catalog: ``object_provides``)."""
    alsoProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])


def mark_done(mailing):
    noLongerProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])


def iso(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def item(record):
    """One record as pages and REST show it."""
    return {
        "email": record.email,
        "previous_email": record.previous_email,
        "name": record.name,
        "language": record.language,
        "status": record.status,
        "error": record.error,
        "attempts": record.attempts,
        "updated": iso(record.updated),
    }
