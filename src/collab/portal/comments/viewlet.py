"""Plone's comments viewlet, saying "Comments are moderated." only where
a member's comment really waits (``comments.moderation``).

The paging viewlet of engine-managed content (``comments/browser/``)
reuses ``ModerationMessage``.
"""

from Acquisition import aq_inner
from collab.portal.comments.moderation import comments_are_moderated
from plone.app.discussion.browser.comments import COMMENT_DESCRIPTION_MODERATION_ENABLED
from plone.app.discussion.browser.comments import CommentsViewlet
from zope.i18n import translate
from zope.i18nmessageid import Message


class ModerationMessage:
    """Plone says "Comments are moderated." whenever the comment workflow
    has a *pending* state, which the add-on's always has; say it only
    where a member's comment really waits for a moderator."""

    def comment_transform_message(self):
        message = super().comment_transform_message()
        moderated = translate(
            Message(COMMENT_DESCRIPTION_MODERATION_ENABLED), context=self.request
        )
        if message.endswith(f" {moderated}"):
            message = message[: -len(moderated) - 1]
        if comments_are_moderated(aq_inner(self.context)):
            message = f"{message} {moderated}"
        return message


class ContentCommentsViewlet(ModerationMessage, CommentsViewlet):
    """Plone's comments viewlet, for content the engine does not manage."""
