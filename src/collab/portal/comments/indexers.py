"""The catalog counters of content the engine manages, read from its ``CommentStats``.

plone.app.discussion's own indexers walk every comment, and run again for
each new comment; with these, indexing content with ten thousand comments
costs the same as one with ten.
"""

from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.stats import comment_stats
from plone.app.discussion.interfaces import IConversation
from plone.indexer import indexer
from Products.ZCatalog.interfaces import IZCatalog


def _stats(content):
    return comment_stats(IConversation(content))


@indexer(ICommentHost, IZCatalog)
def total_comments(content):
    return _stats(content).count()


@indexer(ICommentHost, IZCatalog)
def last_comment_date(content):
    conversation = IConversation(content)
    last = comment_stats(conversation).last_public()
    if last is None:
        return None
    return conversation[last].creation_date


@indexer(ICommentHost, IZCatalog)
def commentators(content):
    return tuple(_stats(content).participants())
