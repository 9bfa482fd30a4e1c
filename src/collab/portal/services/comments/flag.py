"""``POST <group>/@flag-comment`` ``{"comment_id": "…"}``: flag a comment."""

from collab.portal import _
from collab.portal.comments.flags import AlreadyFlagged
from collab.portal.comments.flags import flag
from collab.portal.comments.flags import OwnComment
from collab.portal.errors import Conflict
from collab.portal.errors import json_object
from collab.portal.interfaces import shown
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides


def flag_comment(group, request, comment_id):
    """Shared by the REST service and the page form; raises zExceptions
    whose message the page shows too."""
    conversation = IConversation(group)
    try:
        comment = conversation[int(comment_id)]
    except (KeyError, ValueError, TypeError):
        comment = None
    if comment is None or not api.user.has_permission("View", obj=comment):
        raise shown(
            NotFound(translate(_("There is no such comment."), context=request))
        )
    try:
        return flag(comment, api.user.get_current().getId())
    except OwnComment:
        raise shown(
            Forbidden(
                translate(_("You cannot flag your own comment."), context=request)
            )
        )
    except AlreadyFlagged:
        raise shown(
            Conflict(
                translate(_("You have already flagged this comment."), context=request)
            )
        )


class FlagCommentPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        comment_id = body.get("comment_id")
        if not isinstance(comment_id, (str, int)) or isinstance(comment_id, bool):
            raise BadRequest(
                translate(_("Send the comment_id to flag."), context=self.request)
            )
        count, hidden = flag_comment(self.context, self.request, comment_id)
        return {"comment_id": str(comment_id), "flags": count, "hidden": hidden}
