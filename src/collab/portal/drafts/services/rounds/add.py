"""``POST <draft>/@rounds`` ``{instructions, deadline, zone, groups,
contacts, users, guests_allowed, visibility}``: open the next round (201
and its ``Location``); ``POST <draft>/@rounds/current/close`` closes the
open one (``close.py``), ``…/current/remind`` reminds those who have not
commented (``remind.py``). Refusals say why, with nothing changed: 400 for
bad input (a deadline without a time zone or too soon, no recipients, an
unknown UID), 409 when the draft's state does not allow it."""

from collab.portal import _
from collab.portal.drafts.rounds import open_round
from collab.portal.drafts.rounds import parse_deadline
from collab.portal.drafts.rounds import round_info
from collab.portal.drafts.rounds import RoundRefused
from collab.portal.drafts.services.rounds.close import close_reply
from collab.portal.drafts.services.rounds.close import refusal
from collab.portal.drafts.services.rounds.get import no_such_round
from collab.portal.drafts.services.rounds.remind import remind_reply
from collab.portal.errors import json_object
from collab.portal.errors import shown
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


# POST <draft>/@rounds/<n|current>/<action>
ACTIONS = {"close": close_reply, "remind": remind_reply}
TEXT_FIELDS = {"instructions": 5000, "zone": 64}
LIST_FIELDS = ("groups", "contacts", "users")


def bad(request, message):
    return shown(BadRequest(translate(message, context=request)))


def round_details(data, request):
    """The round's details from a JSON body, checked for shape."""
    details = {}
    for name, limit in TEXT_FIELDS.items():
        value = data.get(name, "")
        if not isinstance(value, str) or len(value) > limit:
            raise bad(
                request,
                _(
                    "draft_round_bad_text",
                    default="Instructions and zone must be text (instructions at most "
                    "5,000 characters).",
                ),
            )
        details[name] = value
    for name in LIST_FIELDS:
        value = data.get(name, [])
        if (
            not isinstance(value, list)
            or not all(isinstance(v, str) and 0 < len(v) <= 100 for v in value)
            or len(value) > 5000
        ):
            raise bad(
                request,
                _(
                    "draft_round_bad_list",
                    default="groups, contacts and users must be lists of UIDs or "
                    "user ids.",
                ),
            )
        details[name] = tuple(value)
    guests_allowed = data.get("guests_allowed", True)
    if not isinstance(guests_allowed, bool):
        raise bad(
            request,
            _(
                "draft_round_bad_guests",
                default="guests_allowed must be true or false.",
            ),
        )
    details["guests_allowed"] = guests_allowed
    details["visibility"] = data.get("visibility", "at_once")
    return details


@implementer(IPublishTraverse)
class RoundsPost(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if self.params:
            action = ACTIONS.get(self.params[1]) if len(self.params) == 2 else None
            if action is None:
                raise no_such_round(self.request)
            return action(self.context, self.request, self.params[0])
        data = json_object(self.request)
        details = round_details(data, self.request)
        try:
            deadline = parse_deadline(data.get("deadline"), details["zone"])
            details["zone"] = details["zone"] or "UTC"
            found = open_round(
                self.context, deadline, api.user.get_current().getId(), **details
            )
        except RoundRefused as error:
            raise refusal(error, self.request) from None
        url = f"{self.context.absolute_url()}/@rounds/{found.number}"
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", url)
        return {"@id": url, **round_info(self.context, found, full=True)}
