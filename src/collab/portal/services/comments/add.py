"""``POST <group>/@comments``: plone.restapi's service, with the body checked
before the comment form sees it.

The comment form would silently drop a question number it does not know,
and answers a missing or mistyped text with a Python repr of its errors; a
REST client deserves a translated 400 that says why, and nothing stored.
"""

from collab.portal import _
from collab.portal.interfaces import shown
from collab.portal.services import json_object
from plone.app.discussion.interfaces import IConversation
from plone.restapi.services.discussion.conversation import CommentsAdd
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate
import json


def checked_comment_body(request):
    """The JSON object of a new or edited comment, its text checked."""
    body = json_object(request)
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest(
            translate(
                _(
                    "comment_text_required",
                    default="Send the text of the comment as a non-empty string.",
                ),
                context=request,
            )
        )
    return body


class KnownComment:
    """A comment id in the URL must name a comment of the group: else a
    translated 404 with a message (plone.restapi answers an empty 404, or
    an English 400 for an id that is not a number)."""

    def publishTraverse(self, request, name):
        if name:
            try:
                known = int(name) in IConversation(self.context)
            except ValueError:
                known = False
            if not known:
                raise shown(
                    NotFound(translate(_("There is no such comment."), context=request))
                )
        return super().publishTraverse(request, name)


class GroupCommentsAdd(KnownComment, CommentsAdd):
    def reply(self):
        body = checked_comment_body(self.request)
        question = body.pop("guiding_question", None)
        if question is not None:
            if (
                isinstance(question, bool)
                or not isinstance(question, int)
                or self.context.question(question) is None
            ):
                raise BadRequest(
                    self._t(
                        _(
                            "unknown_guiding_question",
                            default="This discussion group has no guiding "
                            "question ${number}.",
                            mapping={"number": str(question)[:20]},
                        )
                    )
                )
            self.request.form["form.widgets.guiding_question"] = [str(question)]
        # The parent reads the body again; hand it the cleaned one.
        self.request.set("BODY", json.dumps(body).encode())
        return super().reply()

    def _t(self, message):
        return translate(message, context=self.request)
