"""The comment engine's work on each clock tick (``clock.IClockTick``):
index the words of comments posted since the last ticks
(``comments.search`` says why they wait).

Conversations are found through the catalog, by the comments created
since the last run (less ``SETTLE``, for transactions that were still
committing), so a tick costs what was posted, not what the archive holds.
The time of the last run is kept in the site's annotations, and written
only when it has to move.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from collab.portal.comments.search import SEARCHABLE
from collab.portal.comments.search import TEXT_INDEXES
from collab.portal.comments.stats import comment_stats
from datetime import timedelta
from plone import api
from zope.annotation.interfaces import IAnnotations


LAST_RUN_KEY = "collab.portal.comments.search_last_run"
SETTLE = timedelta(minutes=5)
# A site that never ran this (new, or just upgraded) looks back this far.
FIRST_LOOK_BACK = timedelta(days=1)


def on_tick(event):
    index_recent_comments(api.portal.get_tool("portal_catalog"), event.at)


def index_recent_comments(catalog, at):
    """Index the waiting words of every conversation with a comment created
    since the last run; returns how many comments were indexed."""
    annotations = IAnnotations(api.portal.get())
    last_run = annotations.get(LAST_RUN_KEY) or at - FIRST_LOOK_BACK
    brains = catalog.unrestrictedSearchResults(
        portal_type="Discussion Item",
        created={"query": min(last_run, at) - SETTLE, "range": "min"},
    )
    done = 0
    seen = set()
    for brain in brains:
        conversation_path = brain.getPath().rsplit("/", 1)[0]
        if conversation_path in seen:
            continue
        seen.add(conversation_path)
        comment = brain._unrestrictedGetObject()
        done += index_waiting_words(catalog, aq_parent(comment))
    # A quiet tick writes nothing: the time moves on only when comments
    # were indexed or it is older than SETTLE (the next query still looks
    # back from it), so an idle site commits no transaction every minute.
    if done or at - last_run >= SETTLE:
        annotations[LAST_RUN_KEY] = at
    return done


def index_waiting_words(catalog, conversation):
    """Index the words of the conversation's comments that wait."""
    stats = comment_stats(conversation)
    waiting = getattr(stats, "unsearched", None)
    if not waiting:
        return 0
    done = 0
    for cid in list(waiting):
        comment = conversation.get(cid)
        if comment is not None:
            setattr(aq_base(comment), SEARCHABLE, True)
            catalog.reindexObject(comment, idxs=list(TEXT_INDEXES))
            done += 1
        waiting.remove(cid)
    return done
