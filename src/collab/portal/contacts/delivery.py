"""A mailing's delivery log: ``mail.delivery``'s records, kept on the
mailing under ``LOG_KEY`` (a stored name that never moves), and the
marker that lists a mailing for the clock while it is being sent.

``Delivery`` and ``DeliveryLog`` were stored under this module's name
before batch sending moved into ``mail/``: they stay importable here, so
the logs of earlier releases load.
"""

from collab.portal.contacts.interfaces import ISendingMailing
from collab.portal.mail import delivery as logs
from collab.portal.mail.delivery import Delivery  # noqa: F401  (stored)
from collab.portal.mail.delivery import DeliveryLog  # noqa: F401  (stored)
from zope.interface import alsoProvides
from zope.interface import noLongerProvides


LOG_KEY = "collab.portal.contacts.delivery"


def delivery_log(mailing, create=False):
    return logs.delivery_log(mailing, LOG_KEY, create)


def state_of(mailing):
    return logs.state_of(delivery_log(mailing))


def phase(mailing, found=None):
    """``mail.delivery.phase`` of the mailing's log."""
    return logs.phase(delivery_log(mailing), found)


def counts(mailing):
    return logs.counts(delivery_log(mailing))


def records(mailing, status=None):
    """The records, by address; only those whose live status is
    ``status`` if given."""
    for record, _status, _answer in live_records(mailing, status):
        yield record


def live_records(mailing, status=None):
    return logs.live_records(delivery_log(mailing), status)


def mark_sending(mailing):
    """Listed for the clock (catalog: ``object_provides``)."""
    alsoProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])


def mark_done(mailing):
    noLongerProvides(mailing, ISendingMailing)
    mailing.reindexObject(idxs=["object_provides"])
