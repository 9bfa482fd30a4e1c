"""Deleting content that holds comments, with link integrity on.

plone.app.linkintegrity checks every catalogued object below what is
deleted for incoming links, by its integer id. Comments have none
(``comments.intids`` says why) and nothing links to a comment, so the
check skips them instead of failing with ``IntIdMissingError``: without
this, neither the Classic delete page nor ``api.content.delete`` could
remove any page that has comments.
"""

from plone.app.discussion.interfaces import IComment
from plone.app.linkintegrity.browser.info import DeleteConfirmationInfo


class CommentAwareDeleteConfirmationInfo(DeleteConfirmationInfo):
    def check_object(self, obj, excluded_path=None, excluded_paths=None):
        if IComment.providedBy(obj):
            return None
        return super().check_object(
            obj, excluded_path=excluded_path, excluded_paths=excluded_paths
        )
