"""``POST <content>/@moderate-comment`` ``{"comment_id": "…", "transition":
"publish"}``: a moderator decides on a comment over REST.

plone.restapi's ``@workflow`` serves content only, and comments are not
content; Plone's own ``@@moderate-comments`` page is the Classic UI way.
The transitions are those of ``collab_comment_workflow`` (``publish``,
``reject``, ``recall``, ``mark_as_spam``), guarded by "Review comments".
"""

from collab.portal import _
from collab.portal.errors import Conflict
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides


TRANSITIONS = ("publish", "reject", "recall", "mark_as_spam")


class ModerateCommentPost(Service):
    def _t(self, message):
        return translate(message, context=self.request)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        transition = body.get("transition")
        if transition not in TRANSITIONS:
            raise BadRequest(
                self._t(
                    _(
                        "moderation_transition_unknown",
                        default="Send a transition: publish, reject, recall "
                        "or mark_as_spam.",
                    )
                )
            )
        comment = self.comment(body.get("comment_id"))
        if not api.user.has_permission("Review comments", obj=comment):
            raise shown(Forbidden(self._t(_("You may not moderate comments."))))
        workflow = api.portal.get_tool("portal_workflow")
        available = {t["id"] for t in workflow.getTransitionsFor(comment)}
        if transition not in available:
            raise shown(
                Conflict(
                    self._t(
                        _(
                            "moderation_transition_unavailable",
                            default="A comment that is ${state} cannot be "
                            "moved with ${transition}.",
                            mapping={
                                "state": api.content.get_state(comment),
                                "transition": transition,
                            },
                        )
                    )
                )
            )
        workflow.doActionFor(comment, transition)
        return {
            "@id": f"{self.context.absolute_url()}/@comments/{comment.comment_id}",
            "comment_id": str(comment.comment_id),
            "review_state": api.content.get_state(comment),
        }

    def comment(self, comment_id):
        """A comment the moderator may see; else a translated 404."""
        if isinstance(comment_id, bool):
            comment_id = None
        try:
            comment = IConversation(self.context)[int(comment_id)]
        except (KeyError, ValueError, TypeError):
            comment = None
        if comment is None or not api.user.has_permission("View", obj=comment):
            raise shown(NotFound(self._t(_("There is no such comment."))))
        return comment
