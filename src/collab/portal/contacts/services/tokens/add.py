"""``POST <contact>/@tokens`` ``{"lifetime_days": n}`` (optional; the
control panel's days otherwise): issue a new self-update link. The
answer (201) is the only time its URL can be seen."""

from collab.portal import _
from collab.portal import links
from collab.portal import tokens
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.contacts.update_links import update_link
from collab.portal.errors import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class TokensPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        days = json_object(self.request).get("lifetime_days")
        if days is not None and (type(days) is not int or not 1 <= days <= 730):
            raise BadRequest(
                translate(
                    _(
                        "token_bad_days",
                        default="lifetime_days must be a whole number from 1 to 730.",
                    ),
                    context=self.request,
                )
            )
        links.private_answer(self.request.response)  # the link, shown once
        url = update_link(self.context, days)
        record = tokens.tokens_of(PURPOSE, self.context.UID())[0]
        self.request.response.setStatus(201)
        return {**record.as_dict(), "url": url}
