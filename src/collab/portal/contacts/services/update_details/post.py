"""``POST <site or language root>/@update-details``
``{"contact": uid, "token": token, "organisation": …, "position": …,
"phone": …, "email": …, "preferred_language": …}``: store the fields
sent (all checked first: a 400 with every field's error changes
nothing) and answer the changes recorded for the secretariat. The
position is the secretariat's (a different one: 400); a new e-mail
address is mailed a confirmation link and answered as
``email_pending``, whether or not another contact has it."""

from collab.portal import _
from collab.portal import links
from collab.portal.contacts import self_update
from collab.portal.errors import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


class UpdateDetailsPost(Service):
    def reply(self):
        links.private_answer(self.request.response)
        # The token is the proof of who asks; plone.protect cannot know it.
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        contact, record = self_update.check_link(
            body.get("contact"), body.get("token"), self.request.getClientAddr()
        )
        clean, errors = self_update.checked(contact, body)
        if errors:
            self.request.response.setStatus(400)
            return {
                "type": "BadRequest",
                "message": translate(
                    _("Please correct the fields marked below; nothing was saved."),
                    context=self.request,
                ),
                "errors": [
                    {"field": name, "message": translate(msg, context=self.request)}
                    for name, msg in errors.items()
                ],
            }
        changes, pending = self_update.save(contact, record, clean)
        return {
            "contact": contact.UID(),
            "details": self_update.details(contact),
            "changes": changes,
            "email_pending": pending,
        }
