"""The forum's work on each clock tick (``clock.IClockTick``): open and
close discussion groups at the edges of their comment window, and copy
their live comment counters into the catalog.

Only groups of forums that are not archived are looked at: an archived
forum's record is final (``forum.schedule.group_status``), so the cost of a
tick does not grow with the archive (``bench``: ``clock-tick``). Comments
never depend on the clock: ``comment_window_is_open`` checks the window
itself, so a late clock only delays what the workflow state says, never
what is accepted.
"""

from collab.portal.comments.interfaces import COMMENT_INDEXES
from collab.portal.comments.stats import public_summary
from collab.portal.content.window import CLOSED
from collab.portal.content.window import OPEN
from collab.portal.content.window import window_status
from plone import api


ARCHIVED = "archived"


def on_tick(event):
    """Windows first, then counters: a group the tick just closed is
    reindexed by its transition, and the refresh then finds it current."""
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Manager"]):
        event.changes.extend(move_windows(catalog, event.at))
    refresh_comment_counters(catalog)


def live_forum_paths(catalog):
    """Paths of every forum that is not archived (all languages)."""
    brains = catalog.unrestrictedSearchResults(
        portal_type="Forum", review_state={"not": ARCHIVED}
    )
    return [brain.getPath() for brain in brains]


def live_groups(catalog, **query):
    """Catalog brains of the discussion groups of live forums."""
    paths = live_forum_paths(catalog)
    if not paths:
        return []
    return catalog.unrestrictedSearchResults(
        portal_type="DiscussionGroup", path={"query": paths, "depth": 1}, **query
    )


def move_windows(catalog, at):
    """Move groups whose window edge has passed; return what changed."""
    changes = []
    for brain in live_groups(catalog, review_state=["scheduled", "open"]):
        group = brain._unrestrictedGetObject()
        state = api.content.get_state(group)
        wanted = window_status(group, at)
        steps = []
        if state == "scheduled" and wanted in (OPEN, CLOSED):
            steps.append("open")
        if wanted == CLOSED:
            steps.append("close")
        for step in steps:
            api.content.transition(group, transition=step)
        if steps:
            changes.append(
                {
                    "group": group.absolute_url(),
                    "from": state,
                    "to": api.content.get_state(group),
                }
            )
    return changes


def refresh_comment_counters(catalog):
    """Copy each live group's comment counters into the catalog where they
    differ (see ``DiscussionGroup.reindexObject``)."""
    for brain in live_groups(catalog):
        group = brain._unrestrictedGetObject()
        count, last = public_summary(group)
        if brain.total_comments != count or (last and brain.last_comment_date is None):
            catalog.reindexObject(group, idxs=list(COMMENT_INDEXES))
