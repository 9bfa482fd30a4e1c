"""``POST <content>/@flag-comment`` ``{"comment_id": "…"}``: flag a comment
(the logic is ``comments.flags.flag_comment``, shared with the page)."""

from collab.portal import _
from collab.portal.comments.flags import flag_comment
from collab.portal.errors import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


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
