"""Upgrade to 1004: count the comments of existing discussion groups once,
so pages and REST read the counters instead of walking conversations."""

from collab.portal.comments.stats import comment_stats
from plone import api
from plone.app.discussion.interfaces import IConversation


def count_discussions(setup_context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="DiscussionGroup"):
        group = brain._unrestrictedGetObject()
        comment_stats(IConversation(group))
        group.reindexObject(
            idxs=["total_comments", "last_comment_date", "commentators"]
        )
