"""``POST <mailing>/@send``: mark the mailing for sending and answer at
once (202); the clock writes the messages. ``{"test": true}`` sends it
instead to the current user alone, in each of its languages."""

from collab.portal import _
from collab.portal.contacts.sample_send import send_test
from collab.portal.contacts.sending import send_refusal
from collab.portal.contacts.sending import start_sending
from collab.portal.errors import Conflict
from collab.portal.errors import json_object
from collab.portal.errors import shown
from collab.portal.mail.delivery import iso
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class SendPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request) if self.request.get("BODY") else {}
        test = body.get("test", False)
        if not isinstance(test, bool):
            raise shown(BadRequest(self._t(_('"test" is true or false.'))))
        user = api.user.get_current()
        if test:
            email = user.getProperty("email") or ""
            if not email:
                raise shown(
                    BadRequest(
                        self._t(_("Your account has no e-mail address to send to."))
                    )
                )
            self.refuse(send_refusal(self.context, test=True))
            languages = send_test(self.context, email, user.getId())
            return {"test": True, "email": email, "languages": languages}
        self.refuse(send_refusal(self.context))
        state = start_sending(self.context, user.getId())
        self.request.response.setStatus(202)
        return {
            "@id": f"{self.context.absolute_url()}/@delivery",
            "state": state,
            "send_at": iso(getattr(self.context, "send_at", None)),
        }

    def refuse(self, refusal):
        if refusal is not None:
            status, message = refusal
            error = Conflict if status == 409 else BadRequest
            raise shown(error(self._t(message)))

    def _t(self, message):
        return translate(message, context=self.request)
