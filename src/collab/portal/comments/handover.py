"""Deleting the version that holds a translated content's comments hands
them over to the version that holds them next.

Every language version adapts to one conversation, stored with its
``CommentStats`` in the annotations of the version created first
(``conversation.conversation_holder``). plone.app.discussion empties the
conversation stored on deleted content, so deleting that version (an
editor removing the English version, or the folder holding it) took every
comment of the Spanish and French versions with it. Just before the holder
leaves, the conversation and its counters move to the version that
``conversation_holder`` will pick once it is gone, and the comments'
catalog entries move from the old holder's path to the new one (they are
catalogued under the holder's path: search, the clock's word index and
moderation find them there). What plone.app.discussion then empties on the
deleted version is a fresh conversation of its own.

A rename or move (``event.newParent`` set) is no removal: the holder stays
the holder, and plone.app.discussion recatalogs its comments itself.
"""

from Acquisition import aq_base
from collab.portal.comments.conversation import next_holder
from collab.portal.comments.stats import STATS_KEY
from plone import api
from plone.app.discussion.conversation import conversationAdapterFactory
from plone.app.discussion.interfaces import DISCUSSION_ANNOTATION_KEY
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations


# What lives in the holder's annotations because it holds the comments.
HELD_KEYS = (DISCUSSION_ANNOTATION_KEY, STATS_KEY)


def hand_over_before_removal(content, event):
    """Subscriber: ``ICommentHost``, ``IObjectWillBeRemovedEvent`` (also
    sent to sublocations when a container above ``content`` is deleted)."""
    if event.newParent is not None:
        return  # a rename or a move
    successor = next_holder(content, event.object)
    if successor is None:
        return  # not the holder, or the last version: nothing to keep
    hand_over(content, successor)


def hand_over(holder, successor):
    """Move the conversation and its counters from ``holder`` to
    ``successor`` and catalog the comments where they now are."""
    old = IAnnotations(holder)
    if DISCUSSION_ANNOTATION_KEY not in old:
        return  # never commented: nothing to keep
    catalog = api.portal.get_tool("portal_catalog")
    # Indexing still queued (a comment added in this transaction) would
    # otherwise be written later under the old path.
    processQueue()
    new = IAnnotations(successor)
    for path in _comment_paths(catalog, holder) + _comment_paths(catalog, successor):
        catalog.uncatalog_object(path)
    for key in HELD_KEYS:
        if key in old:
            new[key] = old[key]
            del old[key]
        elif key in new:
            del new[key]  # the successor's own, never used: stale
    conversation = new[DISCUSSION_ANNOTATION_KEY]
    conversation.__parent__ = aq_base(successor)
    for comment in conversationAdapterFactory(successor).getComments():
        comment.reindexObject()
    # The successor's catalog counters need nothing: every version counts
    # from the same ``CommentStats``.


def _comment_paths(catalog, content):
    """Every catalogued comment under ``content``, whoever may see it."""
    return [
        brain.getPath()
        for brain in catalog.unrestrictedSearchResults(
            path="/".join(content.getPhysicalPath()),
            portal_type="Discussion Item",
        )
    ]
