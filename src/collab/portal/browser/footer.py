"""Footer line naming the secretariat that runs the portal."""

from collab.portal import _
from collab.portal.controlpanel.settings import ISettings
from plone import api
from plone.app.layout.viewlets import ViewletBase
from zope.i18n import translate


# The name a site has until the secretariat types its own: a word of the
# page's language, not English on every page.
DEFAULT_NAME = _("secretariat_default_name", default="Secretariat")


class SecretariatViewlet(ViewletBase):
    """Tells every visitor, in their language, whose workspace this is and
    where to write, so that a reviewer arriving from an e-mail link knows
    who is asking."""

    def update(self):
        super().update()
        name = api.portal.get_registry_record(
            "collab.portal.secretariat_name", default=""
        )
        if name == ISettings["secretariat_name"].default:
            name = translate(DEFAULT_NAME, context=self.request)
        self.secretariat_name = name
        self.secretariat_email = api.portal.get_registry_record(
            "collab.portal.secretariat_email", default=None
        ) or api.portal.get_registry_record("plone.email_from_address", default="")
