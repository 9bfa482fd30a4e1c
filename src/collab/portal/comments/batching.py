"""One page of a discussion, without reading the rest of it.

The page and REST show a batch of threads (a comment with its replies
under it) oldest or newest first. Which comments a reader may see comes
from the conversation's ``CommentStats`` (sets of ids), so choosing a page
of ten thousand comments touches integers, and only the comments on the
page are loaded from the database.
"""

from AccessControl import getSecurityManager
from BTrees.LLBTree import difference
from BTrees.LLBTree import intersection
from BTrees.LLBTree import LLTreeSet
from BTrees.LLBTree import union
from collab.portal.comments.authors import acting_author
from collab.portal.comments.conversation import host_of
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.stats import comment_stats
from collab.portal.comments.storage import stored_comments
from collab.portal.comments.storage import thread_children
from plone import api


ORDERS = ("oldest", "newest")


def reads_the_comments(conversation):
    """Whether the current user is among the readers the host's policy
    names (``reader_roles``); everyone who reads the content where it
    names none."""
    policy = policy_of(conversation)
    readers = getattr(policy, "reader_roles", None)
    if not readers:
        return True
    roles = api.user.get_roles(obj=host_of(conversation))
    return bool(set(readers) & set(roles))


def requested_order(request):
    order = request.form.get("order")
    if order in ORDERS:
        return order
    return api.portal.get_registry_record(
        "collab.portal.comments_order", default="oldest"
    )


class DiscussionReader:
    """What the current user may read of ``conversation``.

    Moderators (``Review comments`` on the content) read everything; others
    read the public comments plus their own ones still waiting for review.
    """

    def __init__(self, conversation, context):
        self.conversation = conversation
        self.comments = stored_comments(conversation)
        self.children = thread_children(conversation)
        check = getSecurityManager().checkPermission
        self.moderator = bool(check("Review comments", context))
        if self.moderator:
            self.visible = None
            return
        if not reads_the_comments(conversation):
            self.visible = LLTreeSet()
            return
        stats = comment_stats(conversation)
        self.visible = stats.public
        author = acting_author(context)
        if author:
            mine = self.own_waiting(stats, author, check)
            if mine:
                self.visible = union(stats.public, mine)

    def own_waiting(self, stats, author, check):
        """The reader's own comments that others cannot see yet, where the
        thread above them is readable (ids grow with time, so parents come
        before their replies)."""
        mine = LLTreeSet()
        for cid in difference(stats.own(author), stats.public):
            comment = self.conversation[cid]
            parent = comment.in_reply_to
            readable_parent = not parent or parent in stats.public or parent in mine
            if readable_parent and check("View", comment):
                mine.insert(cid)
        return mine

    def restrict(self, ids):
        """Read only the comments ``ids`` (a filter's), of those allowed."""
        if self.visible is None:
            self.visible = LLTreeSet(ids)
        else:
            self.visible = intersection(self.visible, ids) or LLTreeSet()

    def may_read(self, cid):
        return self.visible is None or cid in self.visible

    def count(self):
        """The comments this reader may see."""
        if self.visible is None:
            return len(self.comments)
        return len(self.visible)

    def thread_starts(self):
        """Top-level comment ids this reader may see, oldest first."""
        top = self.children.get(0)
        if top is None:
            return LLTreeSet()
        if self.visible is None:
            return top
        return intersection(top, self.visible) or LLTreeSet()

    def thread(self, cid, depth=0):
        """``(id, depth)`` of a comment and its readable replies, in
        plone.app.discussion's thread order."""
        yield cid, depth
        for child in self.children.get(cid, ()):
            if self.may_read(child):
                yield from self.thread(child, depth + 1)

    def ordered_starts(self, order, start=0, size=None):
        starts = self.thread_starts()
        total = len(starts)
        end = total if size is None else min(total, start + size)
        if start >= end:
            return total, []
        keys = starts.keys()
        if order == "newest":
            return total, [keys[total - 1 - i] for i in range(start, end)]
        return total, list(keys[start:end])

    def threads_page(self, order, start, size):
        """``(number of threads, [{"comment", "depth", "id"}])`` for a page
        of ``size`` threads."""
        total, starts = self.ordered_starts(order, start, size)
        return total, [
            self.entry(cid, depth) for top in starts for cid, depth in self.thread(top)
        ]

    def comments_page(self, order, start, size):
        """The comments from ``start`` to ``start + size`` in thread order,
        counting replies, as plone.restapi batches ``@comments``."""
        found = []
        position = 0
        threads = self.thread_starts()
        tops = reversed(threads.keys()) if order == "newest" else threads.keys()
        for top in tops:
            for cid, depth in self.thread(top):
                if position >= start:
                    found.append(self.entry(cid, depth))
                    if len(found) == size:
                        return found
                position += 1
        return found

    def entry(self, cid, depth):
        return {"id": cid, "comment": self.conversation[cid], "depth": depth}


def visible_threads(conversation):
    """Every thread the current user may read, in thread order (print view
    and exports)."""
    reader = DiscussionReader(conversation, conversation)
    for top in reader.thread_starts():
        for cid, depth in reader.thread(top):
            yield reader.entry(cid, depth)
