"""``PATCH <content>/@comments/<id>``: plone.restapi's service, reachable by
the comment's author, and the policy's answer fields (``set_by``).

plone.restapi guards the service with "Edit comments" on the *content*,
which only moderators have; the service itself checks the permission on the
*comment*, where its author is Owner. ``comments.limits.limit_own_edits``
holds it to the policy's ``is_open`` and the minutes an author has, on
every channel.

A body of answer fields only (a lead author's disposition of someone
else's comment, say) is not an edit: it needs the field's own permission
on the content, changes nothing else of the comment, and is answered 204.
"""

from collab.portal import _
from collab.portal.comments.fields import answer_fields
from collab.portal.comments.services.comments.add import checked_comment_body
from collab.portal.comments.services.comments.add import KnownComment
from collab.portal.comments.stats import comment_stats
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.restapi.services.discussion.conversation import CommentsUpdate
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


class HostCommentsUpdate(KnownComment, CommentsUpdate):
    """Registered with View so the comment decides; the body is checked
    first, as for a new comment."""

    def reply(self):
        answers = answer_fields(self.context)
        body = json_object(self.request)
        if answers and self.comment_id and set(body) & set(answers):
            return self.set_answers(body, answers)
        checked_comment_body(self.request)
        return super().reply()

    def set_answers(self, body, answers):
        others = sorted(set(body) - set(answers))
        if others:
            raise BadRequest(
                self._t(
                    _(
                        "comment_answer_alone",
                        default="Send ${names} alone, without ${others}.",
                        mapping={
                            "names": ", ".join(sorted(answers)),
                            "others": ", ".join(others),
                        },
                    )
                )
            )
        for name in body:
            permission = answers[name].set_by
            if not api.user.has_permission(permission, obj=self.context):
                raise shown(
                    Forbidden(
                        self._t(
                            _(
                                "comment_answer_not_allowed",
                                default="You may not set ${name} here now.",
                                mapping={"name": name},
                            )
                        )
                    )
                )
        conversation = IConversation(self.context)
        comment = conversation[self.comment_id]
        values = {}
        for name, value in body.items():
            field = answers[name]
            try:
                values[name] = field.from_json(self.context, value)
            except ValueError:
                raise BadRequest(self._t(field.error(self.context, value))) from None
        for name, value in values.items():
            setattr(comment, name, value)
        comment_stats(conversation).note_change()
        return self.reply_no_content()

    def _t(self, message):
        return translate(message, context=self.request)
