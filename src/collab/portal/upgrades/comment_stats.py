"""Upgrade to 1004: count the comments of existing discussion groups once,
so pages and REST read the counters instead of walking conversations, and
mark their words as indexed (see ``comments.search``)."""

from Acquisition import aq_base
from collab.portal.comments.interfaces import COMMENT_INDEXES
from collab.portal.comments.search import SEARCHABLE
from collab.portal.comments.stats import comment_stats
from plone import api
from plone.app.discussion.interfaces import IConversation


def count_discussions(setup_context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="DiscussionGroup"):
        group = brain._unrestrictedGetObject()
        conversation = IConversation(group)
        comment_stats(conversation)
        # Their words are indexed already; later reindexes must keep them.
        for comment in conversation.getComments():
            setattr(aq_base(comment), SEARCHABLE, True)
        catalog.reindexObject(group, idxs=list(COMMENT_INDEXES))
