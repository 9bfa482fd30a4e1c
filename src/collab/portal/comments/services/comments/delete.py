"""``DELETE <content>/@comments/<id>``: plone.restapi's service, reachable by
the comment's author.

plone.restapi guards the service with "Delete comments" on the *content*,
which only moderators have; the service itself lets an author delete
their own comment where the site allows it (plone.app.discussion's
"delete own comments" setting). ``comments.limits.limit_own_deletions``
holds it to the policy's ``is_open`` and the minutes an author has, on
every channel, as for edits.
"""

from collab.portal.comments.services.comments.add import KnownComment
from plone.restapi.services.discussion.conversation import CommentsDelete


class HostCommentsDelete(KnownComment, CommentsDelete):
    """Registered with View so the comment decides."""
