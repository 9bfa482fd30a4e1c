"""The "Contacts" control panel: positions and personal link lifetime
(``collab.portal.contacts.*``), on a page the secretariat may open and
under ``@controlpanels/collab-portal-contacts``.

Its own configlet, since its records live under their own prefix, and the
secretariat edits it (permission "Manage contacts") without getting the
site-wide settings."""

from collab.portal import _
from collab.portal.contacts.settings import IContactSettings
from collab.portal.interfaces import IBrowserLayer
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.interface import Interface


PREFIX = "collab.portal.contacts"


class ContactSettingsEditForm(RegistryEditForm):
    schema = IContactSettings
    schema_prefix = PREFIX
    label = _("Contacts")
    description = _("Settings of the contact directory, groups and mailings.")


ContactSettingsView = layout.wrap_form(ContactSettingsEditForm, ControlPanelFormWrapper)


@adapter(Interface, IBrowserLayer)
class ContactSettingsPanel(RegistryConfigletPanel):
    schema = IContactSettings
    schema_prefix = PREFIX
    configlet_id = "collab-portal-contacts"
    configlet_category_id = "Products"
