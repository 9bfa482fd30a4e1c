"""``POST <content>/@comments``: plone.restapi's service, with the body
checked before the comment form sees it.

The comment form would silently drop a value of a policy field it does
not know,
and answers a missing or mistyped text with a Python repr of its errors; a
REST client deserves a translated 400 that says why, and nothing stored.
"""

from collab.portal import _
from collab.portal.comments.fields import comment_fields
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.policy import message
from collab.portal.comments.replies import no_such_comment
from collab.portal.comments.replies import readable_comment
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.restapi.services.discussion.conversation import CommentsAdd
from zExceptions import BadRequest
from zExceptions import Forbidden
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


def set_afterwards(name):
    return _(
        "comment_field_set_afterwards",
        default="${name} is set on a comment afterwards, not when commenting.",
        mapping={"name": name},
    )


class KnownComment:
    """A comment id in the URL must name a comment of the content: else a
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


def refuse_unless_taking_comments(context, request):
    """plone.app.discussion's form answers every refusal with
    Unauthorized ("Anonymous user tries to post a comment..."), a 401 even
    for a member: a content that takes no comments now answers 403 with
    the policy's reason, a member without "Reply to item" 403 too; only
    an anonymous visitor, whom logging in may help, keeps the 401."""
    policy = ICommentPolicy(context)
    if not policy.is_open():
        raise shown(Forbidden(translate(message(policy, "closed"), context=request)))
    if api.user.is_anonymous():
        return
    if not api.user.has_permission("Reply to item", obj=context):
        raise shown(
            Forbidden(
                translate(
                    _(
                        "comment_not_allowed",
                        default="You may not comment here.",
                    ),
                    context=request,
                )
            )
        )


class HostCommentsAdd(KnownComment, CommentsAdd):
    def reply(self):
        refuse_unless_taking_comments(self.context, self.request)
        body = checked_comment_body(self.request)
        self.take_fields(body)
        parents = [self.comment_id] if self.comment_id else []
        if body.get("in_reply_to") not in (None, "", 0):
            body["in_reply_to"] = self.parent_id(body["in_reply_to"])
            parents.append(body["in_reply_to"])
        else:
            body.pop("in_reply_to", None)
        for parent in parents:
            # Unknown or unreadable: the same answer, so that a member
            # cannot learn that a hidden comment exists.
            if readable_comment(self.context, parent) is None:
                raise no_such_comment(self.request)
        # The parent reads the body again; hand it the cleaned one.
        self.request.set("BODY", json.dumps(body).encode())
        return super().reply()

    def take_fields(self, body):
        """The policy's fields (``comments.fields``): each value checked,
        then handed to the comment form as its widget wants it."""
        for field in comment_fields(self.context):
            value = body.pop(field.name, None)
            if value is None:
                continue
            if field.set_by is not None:
                raise BadRequest(self._t(set_afterwards(field.name)))
            try:
                value = field.from_json(self.context, value)
            except ValueError:
                raise BadRequest(self._t(field.error(self.context, value))) from None
            self.request.form[f"form.widgets.{field.name}"] = field.form_value(value)

    def parent_id(self, value):
        """``in_reply_to`` as the form's widget wants it: the comment id as
        a string (a number, a list or an object would fail in the form)."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return value
        raise BadRequest(
            self._t(
                _(
                    "comment_in_reply_to_invalid",
                    default="Send in_reply_to as the id of the comment you answer.",
                )
            )
        )

    def _t(self, message):
        return translate(message, context=self.request)
