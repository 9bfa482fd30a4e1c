"""Counters of a discussion, kept as comments come and go.

plone.app.discussion answers "how many comments, who, when last" by
walking every comment of a conversation, on every page view and every
reindex. A conversation of ten thousand comments cannot afford that, so each
conversation keeps a ``CommentStats`` next to it, updated by event
subscribers when a comment is added, changes workflow state or is removed:

- ``public``: the ids of the comments everyone may read (published, and so
  is every comment above them). Ids are plone.app.discussion's creation
  timestamps in microseconds, so the set is also in time order: "the last
  comment" is its largest key and "new since" is a range.
- ``by_author``: every comment id of each author (by ``authors.author_key``:
  a member's user id or a guest's), whatever its state, so a
  member sees their own pending comments without a walk.
- ``authors`` and ``countries``: how many public comments each author
  (by author key: a guest takes part as a member does) and each country
  has, for participation statistics.

All of them are BTrees whose concurrent inserts of different keys resolve
without a ConflictError, so members posting at the same time do not undo
each other's work.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from BTrees.Length import Length
from BTrees.LLBTree import LLTreeSet
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from collab.portal.comments.authors import author_country
from collab.portal.comments.authors import author_key
from collab.portal.comments.interfaces import COMMENT_INDEXES
from collab.portal.comments.storage import holds
from collab.portal.comments.storage import replies_of
from collab.portal.comments.visibility import is_published
from persistent import Persistent
from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.annotation.interfaces import IAnnotations


STATS_KEY = "collab.portal.comment_stats"


class CommentStats(Persistent):
    def __init__(self):
        self.public = LLTreeSet()
        self.by_author = OOBTree()
        self.authors = OIBTree()
        self.countries = OIBTree()
        # ids whose words the clock has yet to index (comments.search)
        self.unsearched = LLTreeSet()

    def count(self):
        return len(self.public)

    def last_public(self):
        """The id of the newest public comment, or None."""
        return self.public.maxKey() if self.public else None

    def participants(self):
        return [userid for userid, n in self.authors.items() if n > 0]

    def country_counts(self):
        return {code: n for code, n in self.countries.items() if n > 0}

    def own(self, userid):
        return self.by_author.get(userid) or LLTreeSet()

    def version(self):
        """How many times a comment here was added, changed, moved through
        its workflow or removed: what a poll's ETag compares."""
        changes = getattr(self, "changes", None)
        return changes() if changes is not None else 0

    def note_change(self):
        # A Length: concurrent changes add up instead of conflicting, so
        # members posting at once do not all write one counter in vain.
        if getattr(self, "changes", None) is None:
            self.changes = Length()
        self.changes.change(1)


def holder_of(conversation):
    """The content object whose annotations hold the conversation."""
    return aq_base(conversation).__parent__


def comment_stats(conversation, create=True):
    annotations = IAnnotations(holder_of(conversation))
    stats = annotations.get(STATS_KEY)
    if stats is None and create:
        stats = annotations[STATS_KEY] = CommentStats()
        rebuild(conversation, stats)
    return stats


def _bump(tree, key, delta):
    if not key:
        return
    tree[key] = tree.get(key, 0) + delta


def _mark(stats, comment, public):
    cid = comment.comment_id
    if public:
        stats.public.insert(cid)
    else:
        stats.public.remove(cid)
    delta = 1 if public else -1
    _bump(stats.authors, author_key(comment), delta)
    _bump(stats.countries, author_country(comment), delta)


def sync(comment, stats=None):
    """Bring the counters in line with the comment's state, and with it
    its replies, whose visibility follows their parent's."""
    conversation = comment.__parent__
    stats = stats if stats is not None else comment_stats(conversation)
    cid = comment.comment_id
    parent = comment.in_reply_to
    public = is_published(comment) and (not parent or parent in stats.public)
    if public == (cid in stats.public):
        return
    _mark(stats, comment, public)
    for child_id in replies_of(conversation, cid):
        sync(conversation[child_id], stats)


def rebuild(conversation, stats):
    """Count an existing conversation once (upgrades, first use)."""
    for thread in conversation.getThreads():
        comment = thread["comment"]
        if author_key(comment):
            stats.by_author.setdefault(author_key(comment), LLTreeSet()).insert(
                comment.comment_id
            )
        sync(comment, stats)


def comment_added(comment, event):
    stats = comment_stats(comment.__parent__)
    author = author_key(comment)
    if author:
        own = stats.by_author.get(author)
        if own is None:
            own = stats.by_author[author] = LLTreeSet()
        own.insert(comment.comment_id)
    sync(comment, stats)
    stats.note_change()


def comment_transitioned(comment, event):
    """Moderation, flags and recalls change what everyone may read; the
    catalog's counters of the content follow (adding and removing
    comments reindex it already, in plone.app.discussion)."""
    conversation = aq_parent(comment)
    if not holds(conversation, comment):
        return
    stats = comment_stats(conversation)
    before = stats.count()
    sync(comment, stats)
    stats.note_change()
    content = aq_parent(conversation)
    if stats.count() != before and event.transition is not None and content:
        catalog = api.portal.get_tool("portal_catalog")
        catalog.reindexObject(content, idxs=list(COMMENT_INDEXES))


def comment_removed(comment, event):
    """plone.app.discussion removes replies first, each with this event."""
    conversation = event.oldParent
    stats = comment_stats(conversation, create=False)
    if stats is None:
        return
    cid = comment.comment_id
    if cid in stats.public:
        _mark(stats, comment, False)
    own = stats.by_author.get(author_key(comment))
    if own is not None and cid in own:
        own.remove(cid)
    unsearched = getattr(stats, "unsearched", None)
    if unsearched is not None and cid in unsearched:
        unsearched.remove(cid)
    stats.note_change()


def comment_modified(comment, event):
    """An edited text is a change the readers' polls must see."""
    conversation = aq_parent(comment)
    if holds(conversation, comment):
        comment_stats(conversation).note_change()


def public_summary(content):
    """``(number of public comments, date of the newest one or None)`` of
    the content's discussion, read from the counters."""
    conversation = IConversation(content)
    stats = comment_stats(conversation)
    last = stats.last_public()
    return stats.count(), conversation[last].creation_date if last else None
