"""The comment engine's rules for a discussion group.

``comments/`` asks this adapter (``ICommentPolicy``) instead of knowing
about groups: comments are taken while the group's window is open, wait
for a moderator where the group says so, live in the conversation of the
group's first language version, and may name one of its guiding questions.
"""

from collab.portal.comments.conversation import conversation_holder
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.content.discussion_group import IDiscussionGroup
from collab.portal.forum.schedule import comment_window_is_open
from zope.component import adapter
from zope.interface import implementer


@implementer(ICommentPolicy)
@adapter(IDiscussionGroup)
class DiscussionGroupPolicy:
    def __init__(self, context):
        self.context = context

    @property
    def moderated(self):
        return bool(self.context.moderated)

    def is_open(self, at=None):
        return comment_window_is_open(self.context, at)

    def conversation_holder(self):
        return conversation_holder(self.context)

    def questions(self):
        return list(self.context.guiding_questions or [])

    def question(self, number):
        return self.context.question(number)
