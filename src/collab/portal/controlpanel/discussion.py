"""Plone's discussion control panel, saying what its moderation switch does
with the add-on installed.

Plone warns that moderation can only be switched with one of its own
comment workflows; with the add-on, comments keep ``collab_comment_workflow``
and the switch holds every new comment on the site for a moderator
(``comments.moderation``). The panel says so instead of the warning.
"""

from collab.portal import _
from collab.portal.comments.moderation import WORKFLOW
from plone import api
from plone.app.discussion.browser.controlpanel import (
    DiscussionSettingsControlPanel as PloneDiscussionControlPanel,
)
from Products.statusmessages.interfaces import IStatusMessage


class DiscussionSettingsControlPanel(PloneDiscussionControlPanel):
    def custom_comment_workflow_warning(self):
        wtool = api.portal.get_tool("portal_workflow")
        if wtool.getChainForPortalType("Discussion Item") != (WORKFLOW,):
            return super().custom_comment_workflow_warning()
        IStatusMessage(self.request).addStatusMessage(
            _(
                "discussion_moderation_with_collab_portal",
                default="Comments follow the Collaboration Portal's comment "
                'workflow. "Enable comment moderation" holds every new '
                "comment on the site for a moderator; discussion groups can "
                "also be moderated one by one in their settings.",
            ),
            "info",
        )
