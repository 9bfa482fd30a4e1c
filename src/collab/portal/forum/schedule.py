"""A forum's schedule, built from its discussion groups.

The same rows feed the forum page, its printer-friendly version and
``GET <forum>/@schedule``, so the three never disagree.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal.clock import as_utc
from collab.portal.clock import now
from collab.portal.comments.stats import public_summary
from collab.portal.content.forum import IForum
from collab.portal.content.window import CLOSED
from collab.portal.content.window import OPEN
from collab.portal.content.window import UPCOMING
from collab.portal.content.window import window_status
from plone import api


def group_status(group, at=None):
    """What readers are told: open only when the workflow and the window
    both say so; closed as soon as either does, or when the forum is
    archived (its record is final)."""
    state = api.content.get_state(group, default=None)
    by_clock = window_status(group, at)
    if state == "closed" or by_clock == CLOSED or forum_is_archived(group):
        return CLOSED
    if state == "open" and by_clock == OPEN:
        return OPEN
    return UPCOMING


def forum_is_archived(group):
    forum = aq_parent(aq_inner(group))
    return (
        forum is not None
        and IForum.providedBy(forum)
        and api.content.get_state(forum, default=None) == "archived"
    )


def comment_window_is_open(group, at=None):
    return group_status(group, at) == OPEN


def visible_groups(forum):
    """The forum's groups the current user may see, in date order."""
    brains = api.content.find(context=forum, portal_type="DiscussionGroup", depth=1)
    groups = [brain.getObject() for brain in brains]
    return sorted(groups, key=lambda g: (as_utc(g.opens), as_utc(g.closes)))


def schedule_rows(forum, at=None):
    at = at or now()
    return [schedule_row(group, at) for group in visible_groups(forum)]


def schedule_row(group, at):
    comments, last_comment = public_summary(group)
    return {
        "group": group.absolute_url(),
        "title": group.title,
        "opens": as_utc(group.opens),
        "closes": as_utc(group.closes),
        "status": group_status(group, at),
        "remarks": group.schedule_remarks or "",
        "comments": comments,
        "last_comment": last_comment,
        "object": group,
    }
