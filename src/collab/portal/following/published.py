"""When each comment of a discussion group became public.

A comment's id is the time it was *posted*, but in a moderated group it
becomes public when a moderator publishes it, maybe days later. A digest
that took "comments with an id after my last digest" would miss every
comment published after a digest that it was posted before. So the moment
a comment first becomes public is logged, by time, in the group holder's
annotations (an LLBTree: microseconds → comment id), and the digest reads
a range of that log: no walk over the whole conversation.

The comment itself is marked when it is announced, so a comment hidden by
flags and published again is not news a second time.
"""

from Acquisition import aq_base
from BTrees.LLBTree import LLBTree
from zope.annotation.interfaces import IAnnotations


PUBLISHED_KEY = "collab.portal.following.published"
ANNOUNCED = "_collab_portal_announced"


def microseconds(at):
    """A time as the log's key (the same unit as comment ids)."""
    return int(at.timestamp() * 1_000_000)


def was_announced(comment):
    return getattr(aq_base(comment), ANNOUNCED, False)


def record_publication(group_holder, comment, at):
    setattr(aq_base(comment), ANNOUNCED, True)
    annotations = IAnnotations(group_holder)
    log = annotations.get(PUBLISHED_KEY)
    if log is None:
        log = annotations[PUBLISHED_KEY] = LLBTree()
    key = microseconds(at)
    while key in log:
        key += 1
    log[key] = comment.comment_id


def published_between(group_holder, start, end):
    """Ids of comments that became public after ``start``, up to ``end``."""
    log = IAnnotations(group_holder).get(PUBLISHED_KEY)
    if log is None:
        return []
    return list(
        log.values(min=microseconds(start), max=microseconds(end), excludemin=True)
    )
