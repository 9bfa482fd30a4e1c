"""The forum clock: opens and closes discussion groups at the edges of
their comment window, sends the daily digests of following and the
announcements that waited for mail to work.

Run it every minute (``make start`` does; in production cron or a systemd
timer calls ``POST /Plone/@forum-clock``). Comments never depend on it:
``comment_window_is_open`` checks the window itself, so a late clock only
delays what the workflow state says, never what is accepted.
"""

from collab.portal.comments.search import index_waiting_comments
from collab.portal.comments.stats import public_summary
from collab.portal.content.discussion_group import COMMENT_INDEXES
from collab.portal.content.window import CLOSED
from collab.portal.content.window import now
from collab.portal.content.window import OPEN
from collab.portal.content.window import window_status
from collab.portal.following.announce import announce_owed_comments
from collab.portal.following.digest import send_due_digests
from collab.portal.following.queue import release_failed_sends
from collab.portal.mailqueue import check_mail
from collab.portal.mailqueue.settings import sync_queue_thread
from collab.portal.switches import switched_on
from contextlib import contextmanager
from contextvars import ContextVar
from plone import api


_clock_running = ContextVar("collab_portal_clock_running", default=False)


def clock_is_running():
    """True while the clock itself fires transitions (not an editor)."""
    return _clock_running.get()


@contextmanager
def _as_clock():
    with switched_on(_clock_running), api.env.adopt_roles(["Manager"]):
        yield


def tick(at=None):
    """Move groups whose window edge has passed; return what changed."""
    at = at or now()
    catalog = api.portal.get_tool("portal_catalog")
    changes = []
    with _as_clock():
        brains = catalog.unrestrictedSearchResults(
            portal_type="DiscussionGroup", review_state=["scheduled", "open"]
        )
        for brain in brains:
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
    refresh_comment_counters(catalog)
    index_waiting_comments(catalog)
    # Mail: complete or report the queue, bring the queue thread up to the
    # Mail settings (changed on another instance), then following's daily
    # digests that are due, announcements owed while mail could not be
    # queued, and mail a failed delivery left in the MailHost queue.
    check_mail()
    sync_queue_thread()
    send_due_digests(at)
    announce_owed_comments()
    release_failed_sends(at)
    return changes


def refresh_comment_counters(catalog):
    """Copy each group's live comment counters into the catalog where they
    differ (see ``DiscussionGroup.reindexObject``)."""
    for brain in catalog.unrestrictedSearchResults(portal_type="DiscussionGroup"):
        group = brain._unrestrictedGetObject()
        count, last = public_summary(group)
        if brain.total_comments != count or (last and brain.last_comment_date is None):
            catalog.reindexObject(group, idxs=list(COMMENT_INDEXES))
