"""``PATCH <content>/@comments/<id>``: plone.restapi's service, reachable by
the comment's author.

plone.restapi guards the service with "Edit comments" on the *content*,
which only moderators have; the service itself checks the permission on the
*comment*, where its author is Owner. ``comments.limits.limit_own_edits``
holds it to the policy's ``is_open`` and the minutes an author has, on
every channel.
"""

from collab.portal.comments.services.comments.add import checked_comment_body
from collab.portal.comments.services.comments.add import KnownComment
from plone.restapi.services.discussion.conversation import CommentsUpdate


class HostCommentsUpdate(KnownComment, CommentsUpdate):
    """Registered with View so the comment decides; the body is checked
    first, as for a new comment."""

    def reply(self):
        checked_comment_body(self.request)
        return super().reply()
