"""``POST <draft>/@rounds/current/remind``: a reminder to the invited
contacts of the open round who have not commented yet (202 with how many;
200 with 0 when everyone has); 409 when the round is not open."""

from collab.portal import _
from collab.portal.drafts.coverage import not_commented
from collab.portal.drafts.invitations import start_reminder
from collab.portal.drafts.rounds import open_round_of
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.rounds import RoundRefused
from collab.portal.drafts.services.rounds.close import refusal
from collab.portal.drafts.services.rounds.get import no_such_round
from plone import api


def remind_reply(draft, request, which):
    asked = round_of(draft, which)
    if asked is None:
        raise no_such_round(request)
    if asked is not open_round_of(draft) or not asked.taking_comments():
        error = RoundRefused(
            409, _("draft_round_not_open", default="This round is not open.")
        )
        raise refusal(error, request)
    uids = not_commented(draft, asked)
    if not uids:
        return {"recipients": 0}
    start_reminder(draft, asked, uids, api.user.get_current().getId())
    request.response.setStatus(202)
    return {"recipients": len(uids)}
