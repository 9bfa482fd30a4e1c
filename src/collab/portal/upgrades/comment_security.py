"""Upgrade to 1007: rejected and spam comments, and replies under a hidden
comment, are for moderators' eyes only, in search and by URL too."""

from collab.portal.comments.security import secure
from plone import api


def update_comment_security(context):
    """The comment workflow was reimported (rejected and spam no longer
    acquire View from the group); apply it, and the hidden-thread rule, to
    existing comments, and reindex who may find them."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        comment = brain._unrestrictedGetObject()
        secure(comment)
        comment.reindexObject(idxs=["allowedRolesAndUsers"])
