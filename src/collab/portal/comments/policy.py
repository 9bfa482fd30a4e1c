"""A policy to start from, and the engine's neutral wording.

A feature subclasses ``CommentPolicy`` and says only where it differs:
comments always open, never moderated, read by whoever reads the
content, one conversation shared by the translations, no extra fields, no
guests, the engine's messages.
"""

from collab.portal import _
from collab.portal.comments.conversation import conversation_holder
from collab.portal.comments.interfaces import ICommentPolicy
from zope.i18nmessageid import Message
from zope.interface import implementer


MESSAGES = {
    "closed": _(
        "comments_closed",
        default="Comments are not open here now.",
    ),
    "edit_too_late": _(
        "comment_edit_too_late_here",
        default="Your comment can no longer be edited: authors may edit "
        "it for ${minutes} minutes while comments are open.",
    ),
    "delete_too_late": _(
        "comment_delete_too_late_here",
        default="Your comment can no longer be deleted: authors may delete "
        "it for ${minutes} minutes while comments are open.",
    ),
    "too_frequent": _(
        "comments_too_frequent",
        default="You have posted ${limit} comments in the last "
        "minute. Please wait a moment before posting again.",
    ),
}


@implementer(ICommentPolicy)
class CommentPolicy:
    moderated = False
    reader_roles = None
    fields = ()
    messages = {}

    def __init__(self, context):
        self.context = context

    def is_open(self, at=None):
        return True

    def conversation_holder(self):
        return conversation_holder(self.context)

    def guest(self):
        return None

    def comment_event(self, comment, event):
        pass

    def etag_parts(self):
        return ()


def message(policy, key, **mapping):
    """The policy's wording for ``key`` (else the engine's), filled in."""
    own = getattr(policy, "messages", None) or {}
    return Message(own.get(key) or MESSAGES[key], mapping=mapping or None)
