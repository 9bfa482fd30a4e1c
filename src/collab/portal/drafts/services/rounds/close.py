"""``POST <draft>/@rounds/current/close`` (or the open round's number):
close the open round now: its guest links end, held comments are
published, the draft moves to ``incorporating``. 409 when that round is
not open."""

from collab.portal import _
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import open_round_of
from collab.portal.drafts.rounds import round_info
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.rounds import RoundRefused
from collab.portal.drafts.services.rounds.get import no_such_round
from collab.portal.errors import Conflict
from collab.portal.errors import shown
from plone import api
from zExceptions import BadRequest
from zope.i18n import translate


def refusal(error, request):
    """The HTTP error of a ``RoundRefused``, with its translated message."""
    kind = Conflict if error.status == 409 else BadRequest
    return shown(kind(translate(error.message, context=request)))


def close_reply(draft, request, which):
    asked = round_of(draft, which)
    if asked is None:
        raise no_such_round(request)
    try:
        if asked is not open_round_of(draft):
            raise RoundRefused(
                409, _("draft_round_not_open", default="This round is not open.")
            )
        closed = close_round(draft, api.user.get_current().getId())
    except RoundRefused as error:
        raise refusal(error, request) from None
    return {
        "@id": f"{draft.absolute_url()}/@rounds/{closed.number}",
        **round_info(draft, closed, full=True),
    }
