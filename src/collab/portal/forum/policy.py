"""The comment engine's rules for a discussion group.

``comments/`` asks this adapter (``ICommentPolicy``) instead of knowing
about groups: comments are taken while the group's window is open, wait
for a moderator where the group says so, live in the conversation of the
group's first language version, may name one of its guiding questions
(``forum.question``), and refusals speak of the discussion group.
"""

from collab.portal import _
from collab.portal.comments.policy import CommentPolicy
from collab.portal.content.discussion_group import IDiscussionGroup
from collab.portal.forum.question import GUIDING_QUESTION
from collab.portal.forum.schedule import comment_window_is_open
from zope.component import adapter


@adapter(IDiscussionGroup)
class DiscussionGroupPolicy(CommentPolicy):
    fields = (GUIDING_QUESTION,)
    messages = {
        "closed": _("This discussion group is not open for comments."),
        "edit_too_late": _(
            "comment_edit_too_late",
            default="Your comment can no longer be edited: members "
            "may edit for ${minutes} minutes while the group is open.",
        ),
        "delete_too_late": _(
            "comment_delete_too_late",
            default="Your comment can no longer be deleted: members "
            "may delete it for ${minutes} minutes while the group "
            "is open.",
        ),
    }

    @property
    def moderated(self):
        return bool(self.context.moderated)

    def is_open(self, at=None):
        return comment_window_is_open(self.context, at)
