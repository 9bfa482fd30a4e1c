"""``POST <draft>/@tokens`` ``{"contact": <uid>}``: a new personal link of
the open round for one invited contact (a lost mail, a new address). The
answer (201) is the only time its URL can be seen. 400 for a contact the
round did not invite, 409 when no round is open or it takes no guests."""

from collab.portal import _
from collab.portal import links
from collab.portal import tokens
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.rounds import open_round_of
from collab.portal.errors import Conflict
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class TokensPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        contact = json_object(self.request).get("contact")
        round = open_round_of(self.context)
        if round is None or not round.guests_allowed:
            raise shown(
                Conflict(
                    translate(
                        _(
                            "draft_tokens_no_guest_round",
                            default="Links are issued only while a round that "
                            "takes guests is open.",
                        ),
                        context=self.request,
                    )
                )
            )
        if not isinstance(contact, str) or contact not in round.invitees:
            raise shown(
                BadRequest(
                    translate(
                        _(
                            "draft_tokens_not_invited",
                            default="This contact is not invited to the open round.",
                        ),
                        context=self.request,
                    )
                )
            )
        links.private_answer(self.request.response)  # the link, shown once
        url = guest_link(self.context, round, contact, api.user.get_current().getId())
        subject = round.guest_subject(self.context, contact)
        record = tokens.tokens_of(GUEST_PURPOSE, subject)[0]
        self.request.response.setStatus(201)
        return {**record.as_dict(), "url": url}
