"""Footer line naming the secretariat that runs the portal."""

from collab.portal.secretariat import secretariat_name
from plone import api
from plone.app.layout.viewlets import ViewletBase


class SecretariatViewlet(ViewletBase):
    """Tells every visitor, in their language, whose workspace this is and
    where to write, so that a reviewer arriving from an e-mail link knows
    who is asking."""

    def update(self):
        super().update()
        language = api.portal.get_current_language(context=self.context)
        self.secretariat_name = secretariat_name(language, self.request)
        self.secretariat_email = api.portal.get_registry_record(
            "collab.portal.secretariat_email", default=None
        ) or api.portal.get_registry_record("plone.email_from_address", default="")
