"""``POST <draft>/@apply-suggestion {"comment": "<comment id>"}``: write
the comment's proposed wording into the body (``incorporation.
apply_suggestion``). 200 ``{"paragraph": pid, "text": new text}``; 400
when the comment is unknown or proposes nothing; 409 when the draft is
not being incorporated or the paragraph changed (apply by hand); nothing
is changed on a refusal.

Registered with "collab.portal: Manage draft rounds" (the lead author and
the secretariat, in every state but ``final``) so that they hear a 409 in
the wrong state; the action itself needs "collab.portal: Dispose draft
comments", checked here (which the workflow gives them while
incorporating only)."""

from collab.portal import _
from collab.portal.drafts.incorporation import apply_suggestion
from collab.portal.drafts.incorporation import check_incorporating
from collab.portal.drafts.incorporation import comment_of
from collab.portal.drafts.incorporation import DISPOSE
from collab.portal.drafts.incorporation import IncorporationRefused
from collab.portal.errors import Conflict
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides


STATUSES = {400: BadRequest, 404: NotFound, 409: Conflict}


def refusal(error, request):
    """The HTTP error of an ``IncorporationRefused``, translated."""
    return shown(STATUSES[error.status](translate(error.message, context=request)))


class ApplySuggestionPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request)
        try:
            check_incorporating(self.context)
            if not api.user.has_permission(DISPOSE, obj=self.context):
                raise shown(
                    Forbidden(
                        translate(
                            _(
                                "draft_may_not_dispose",
                                default="You may not incorporate this draft's "
                                "comments.",
                            ),
                            context=self.request,
                        )
                    )
                )
            comment = comment_of(self.context, data.get("comment"))
            pid, text = apply_suggestion(self.context, comment)
        except IncorporationRefused as error:
            raise refusal(error, self.request) from None
        return {"paragraph": pid, "text": text}
