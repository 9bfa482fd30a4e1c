"""``GET <site or language root>/@update-details?contact=<uid>&token=<token>``:
the details the link lets the contact correct, and the choices offered.
Changes nothing (a refused token counts only against the rate limit).
The position is shown, not offered: the secretariat records it."""

from collab.portal import links
from collab.portal.contacts import self_update
from plone.restapi.services import Service


class UpdateDetailsGet(Service):
    def reply(self):
        links.private_answer(self.request.response)
        form = self.request.form
        contact, record = self_update.check_link(
            form.get("contact"), form.get("token"), self.request.getClientAddr()
        )
        return {
            "@id": f"{self.context.absolute_url()}/@update-details",
            "contact": contact.UID(),
            "name": contact.Title(),
            "details": self_update.details(contact),
            "expires": record.as_dict()["expires"],
            "read_only": list(self_update.READ_ONLY),
            "choices": {"preferred_language": list(self_update.LANGUAGES)},
        }
