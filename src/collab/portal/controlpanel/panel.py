"""The same settings for plone.restapi's ``@controlpanels`` endpoint."""

from collab.portal.controlpanel.settings import ISettings
from collab.portal.interfaces import IBrowserLayer
from plone.restapi.controlpanels import RegistryConfigletPanel
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, IBrowserLayer)
class SettingsPanel(RegistryConfigletPanel):
    schema = ISettings
    schema_prefix = "collab.portal"
    configlet_id = "collab-portal"
    configlet_category_id = "Products"
