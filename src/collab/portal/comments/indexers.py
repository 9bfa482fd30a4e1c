"""A discussion group's catalog counters, read from its ``CommentStats``.

plone.app.discussion's own indexers walk every comment, and run again for
each new comment; with these, indexing a group with ten thousand comments
costs the same as one with ten.
"""

from collab.portal.comments.stats import comment_stats
from collab.portal.content.discussion_group import IDiscussionGroup
from plone.app.discussion.interfaces import IConversation
from plone.indexer import indexer
from Products.ZCatalog.interfaces import IZCatalog


def _stats(group):
    return comment_stats(IConversation(group))


@indexer(IDiscussionGroup, IZCatalog)
def total_comments(group):
    return _stats(group).count()


@indexer(IDiscussionGroup, IZCatalog)
def last_comment_date(group):
    conversation = IConversation(group)
    last = comment_stats(conversation).last_public()
    if last is None:
        return None
    return conversation[last].creation_date


@indexer(IDiscussionGroup, IZCatalog)
def commentators(group):
    return tuple(_stats(group).participants())
