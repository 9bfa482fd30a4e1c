"""``POST <group>/@comments``: plone.restapi's service, with the guiding
question checked before the comment form sees it.

The comment form would silently drop a question number it does not know;
a REST client deserves a 400 that says why, and nothing stored.
"""

from collab.portal import _
from plone.restapi.deserializer import json_body
from plone.restapi.services.discussion.conversation import CommentsAdd
from zExceptions import BadRequest
from zope.i18n import translate
import json


class GroupCommentsAdd(CommentsAdd):
    def reply(self):
        body = json_body(self.request)
        if not isinstance(body, dict):
            raise BadRequest(self._t(_("Send a JSON object.")))
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
