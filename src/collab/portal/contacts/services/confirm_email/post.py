"""``POST <site or language root>/@confirm-email`` ``{"contact": uid,
"token": token}``: the token mailed to a new address confirms it; the
address is stored (a recorded change), the old one told. A token that
confirms nothing waiting: 403; the address taken by another contact
meanwhile: 409."""

from collab.portal import links
from collab.portal.contacts import self_update
from collab.portal.contacts.email_change import PURPOSE
from collab.portal.errors import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ConfirmEmailPost(Service):
    def reply(self):
        links.private_answer(self.request.response)
        # The token is the proof of who asks; plone.protect cannot know it.
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        contact, record = self_update.check_link(
            body.get("contact"),
            body.get("token"),
            self.request.getClientAddr(),
            PURPOSE,
        )
        changes = self_update.confirm_email(contact, record)
        return {
            "contact": contact.UID(),
            "details": self_update.details(contact),
            "changes": changes,
        }
