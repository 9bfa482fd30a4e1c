"""The one place that reads plone.app.discussion's conversation storage.

``Conversation`` keeps its comments in ``_comments`` (id -> comment) and its
threads in ``_children`` (parent id, 0 for the top, -> ids in time order).
Its public API walks every comment to answer "the replies of X" or "is X
still here"; the engine needs those answers from the BTrees themselves.
Should plone.app.discussion change its storage, only this module changes.
"""

from Acquisition import aq_base


def stored_comments(conversation):
    """The conversation's ``{id: comment}`` BTree."""
    return aq_base(conversation)._comments


def thread_children(conversation):
    """The conversation's ``{parent id: ids}`` BTree (0: top level)."""
    return aq_base(conversation)._children


def replies_of(conversation, cid):
    """The ids of the direct replies to comment ``cid``."""
    return thread_children(conversation).get(cid, ())


def holds(conversation, comment):
    """Whether ``comment`` is still stored in ``conversation`` (events
    also arrive for comments on their way out)."""
    return getattr(comment, "comment_id", None) in stored_comments(conversation)
