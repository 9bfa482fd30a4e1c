"""Classic UI form for the "Collaboration portal" control panel."""

from collab.portal import _
from collab.portal.controlpanel.settings import ISettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout


class SettingsEditForm(RegistryEditForm):
    schema = ISettings
    schema_prefix = "collab.portal"
    label = _("Collaboration portal")
    description = _("Settings of the secretariat's collaboration portal.")


SettingsView = layout.wrap_form(SettingsEditForm, ControlPanelFormWrapper)
