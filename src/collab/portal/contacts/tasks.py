"""The contacts feature's clock work: write and follow up mailings, and
forget personal links that ended long enough ago."""

from collab.portal import logger
from collab.portal import tokens
from collab.portal.contacts.import_uploads import purge as purge_import_uploads
from collab.portal.contacts.interfaces import ISendingMailing
from collab.portal.contacts.sending import follow_up
from collab.portal.contacts.sending import write_batches
from datetime import timedelta
from plone import api
from ZODB.POSException import ConflictError
import transaction


# An ended link stays listed (with its audit) on the contact's personal
# links page this long, so the secretariat can see what happened to it.
KEEP_ENDED_TOKENS = timedelta(days=30)


def on_tick(event):
    """``clock.IClockTick``: mailings, then ended personal links and
    import files previewed but never imported."""
    run_mailings(event.at, event.changes)
    purge_tokens(event.at)
    purge_import_uploads(event.at)


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


def purge_tokens(at):
    """Personal tokens expired or revoked more than ``KEEP_ENDED_TOKENS``
    before ``at``: gone from the store (read by the days they ended, so a
    tick loads only those)."""
    purged = tokens.purge_expired(at - KEEP_ENDED_TOKENS)
    if purged:
        logger.info("Purged %s ended personal tokens", purged)
    return purged
