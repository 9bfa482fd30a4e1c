"""The contacts feature's clock work: write and follow up mailings."""

from collab.portal import logger
from collab.portal.contacts.interfaces import ISendingMailing
from collab.portal.contacts.sending import follow_up
from collab.portal.contacts.sending import write_batches
from plone import api
from ZODB.POSException import ConflictError
import transaction


def run_mailings(at, changes):
    """Every mailing being sent (found by catalog, not by walking the
    directory): its next batches, then what the queue did with them.
    A ConflictError means another instance is writing the same batch:
    this one gives way, nothing of its batch was committed."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        object_provides=ISendingMailing.__identifier__
    )
    paths = [brain.getPath() for brain in brains]
    site = api.portal.get()
    for path in paths:
        mailing = site.unrestrictedTraverse(path, None)
        if mailing is None:
            continue
        try:
            queued = write_batches(mailing, at)
            followed = follow_up(mailing)
            transaction.commit()
        except ConflictError:
            transaction.abort()
            logger.info("Mailing %s: another instance is writing it", path)
            continue
        except Exception:
            transaction.abort()
            logger.exception("Mailing %s: could not write its messages", path)
            continue
        if queued or followed:
            changes.append({"mailing": path, "queued": queued, "followed_up": followed})
