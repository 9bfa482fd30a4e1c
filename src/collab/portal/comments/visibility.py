"""What everyone may read of a discussion.

A comment is *public* when it is published and so is every comment above
it: a reply to a hidden (pending, flagged, rejected) comment is hidden
with it. Pages, REST, exports, counts and mail all use this one rule for
readers who are not moderators.
"""

from plone import api


def is_published(comment):
    return api.content.get_state(comment, default=None) == "published"


def is_public(comment):
    conversation = comment.__parent__
    while comment is not None:
        if not is_published(comment):
            return False
        parent_id = comment.in_reply_to
        comment = conversation.get(parent_id) if parent_id else None
    return True
