"""The "Contacts" control panel: positions and personal link lifetime
(``collab.portal.contacts.*``), on a page the secretariat may open and
under ``@controlpanels/collab-portal-contacts``.

Its own configlet, since its records live under their own prefix, and the
secretariat edits it (permission "Manage contacts") without getting the
site-wide settings."""

from collab.portal import _
from collab.portal.contacts.settings import IContactSettings
from collab.portal.errors import json_object
from collab.portal.errors import shown
from collab.portal.interfaces import IBrowserLayer
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.restapi.deserializer.controlpanels import ControlpanelDeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from plone.z3cform import layout
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface


PREFIX = "collab.portal.contacts"
FIELD_TWICE = _("settings_field_twice", default="Send each field once.")


class ContactSettingsEditForm(RegistryEditForm):
    schema = IContactSettings
    schema_prefix = PREFIX
    label = _("Contacts")
    description = _("Settings of the contact directory, groups and mailings.")

    def update(self):
        """A field sent twice is a list z3c.form's text converters cannot
        read (a 500): refused with a message instead."""
        form = self.request.form
        if any(
            isinstance(form.get(f"form.widgets.{name}"), list)
            for name in IContactSettings.names()
        ):
            raise shown(BadRequest(translate(FIELD_TWICE, context=self.request)))
        super().update()


ContactSettingsView = layout.wrap_form(ContactSettingsEditForm, ControlPanelFormWrapper)


@adapter(Interface, IBrowserLayer)
class ContactSettingsPanel(RegistryConfigletPanel):
    schema = IContactSettings
    schema_prefix = PREFIX
    configlet_id = "collab-portal-contacts"
    configlet_category_id = "Products"


@implementer(IDeserializeFromJson)
@adapter(ContactSettingsPanel)
class ContactSettingsDeserializer(ControlpanelDeserializeFromJson):
    """plone.restapi's, reading the body as a JSON object first: a
    malformed or non-object body answered 500."""

    def __call__(self, mask_validation_errors=True):
        json_object(self.controlpanel.request)
        return super().__call__(mask_validation_errors=mask_validation_errors)
