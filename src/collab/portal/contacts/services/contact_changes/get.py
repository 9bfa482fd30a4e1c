"""``GET <contact>/@contact-changes[?unreviewed=1]``: the recorded changes
(when, through which link, field, old and new value, reviewed)."""

from collab.portal.contacts.self_update import changes_of
from plone.restapi.services import Service


class ContactChangesGet(Service):
    def reply(self):
        unreviewed = self.request.form.get("unreviewed") in ("1", "true")
        items = changes_of(self.context, unreviewed_only=unreviewed)
        return {
            "@id": f"{self.context.absolute_url()}/@contact-changes",
            "items": items,
            "items_total": len(items),
        }
