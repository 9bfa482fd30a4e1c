"""The drafts feature's clock work (``clock.IClockTick``): a round whose
deadline passed is closed, and the invitations and reminders of rounds
are written and followed up until settled.

A quiet tick writes nothing; a round's mail is committed batch by batch
(``mail.batches``); a round closed at its deadline is committed with the
tick."""

from collab.portal import logger
from collab.portal.drafts.invitations import sendings_at_work
from collab.portal.drafts.invitations import write_and_follow
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import current_round
from plone import api
from ZODB.POSException import ConflictError
import transaction


CLOCK = "collab.portal.clock"
# Where a round's mail may still be written or followed.
STATES = ("round_open", "incorporating")


def on_tick(event):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="DraftDocument", review_state=STATES
    )
    paths = [brain.getPath() for brain in brains]
    site = api.portal.get()
    for path in paths:
        draft = site.unrestrictedTraverse(path, None)
        round = current_round(draft) if draft is not None else None
        if round is None:
            continue
        closing = round.is_open and not round.taking_comments(event.at)
        if not closing and not sendings_at_work(draft, round):
            continue
        try:
            if closing:
                # Committed with the tick (``clock.tick``'s caller) or with
                # this draft's next batch, whichever comes first.
                close_round(draft, CLOCK, event.at)
                event.changes.append({"draft": path, "closed": round.number})
            queued = 0
            if sendings_at_work(draft, round):
                queued = write_and_follow(draft, round, event.at)
                transaction.commit()
        except ConflictError:
            transaction.abort()
            logger.info("Draft %s: another instance is on it", path)
            continue
        except Exception:
            transaction.abort()
            logger.exception("Draft %s: its round's clock work failed", path)
            continue
        if queued:
            event.changes.append({"draft": path, "queued": queued})
