"""Upgrade 1016 to 1017: the drafts' guests. An existing site gets the
``DraftGuest`` role and the guests' PAS plugin in ``acl_users``, active
for what it does; running it again adds nothing."""

from collab.portal.drafts import pas
from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.testing import INTEGRATION_TESTING
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from portal_helpers import UpgradeTestCase
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
import unittest


class TestGuestPluginUpgrade(UpgradeTestCase):
    layer = FUNCTIONAL_TESTING

    def active(self, interface):
        return self.portal.acl_users.plugins.listPluginIds(interface)

    def test_a_new_site_has_the_plugin(self):
        plugin = self.portal.acl_users[pas.PLUGIN_ID]
        self.assertIsInstance(plugin, pas.GuestPlugin)
        self.assertIn(pas.PLUGIN_ID, self.active(IExtractionPlugin))
        self.assertEqual(self.active(IPropertiesPlugin)[0], pas.PLUGIN_ID)
        self.assertIn("DraftGuest", self.portal.valid_roles())

    def test_upgrade_adds_plugin_and_role_once(self):
        acl_users = self.portal.acl_users
        acl_users.plugins.removePluginById(pas.PLUGIN_ID)
        acl_users._delObject(pas.PLUGIN_ID)
        self.portal._delRoles(["DraftGuest"])
        self.assertNotIn(pas.PLUGIN_ID, acl_users.objectIds())
        self.assertNotIn("DraftGuest", self.portal.valid_roles())
        self.upgrade_from("1016")
        self.assertIsInstance(acl_users[pas.PLUGIN_ID], pas.GuestPlugin)
        for name in pas.INTERFACES:
            interface = acl_users.plugins._getInterfaceFromName(name)
            self.assertIn(pas.PLUGIN_ID, self.active(interface), name)
        self.assertIn("DraftGuest", self.portal.valid_roles())
        self.upgrade_from("1016")
        self.assertEqual(
            [i for i in acl_users.objectIds() if i == pas.PLUGIN_ID], [pas.PLUGIN_ID]
        )
        self.assertEqual(self.active(IExtractionPlugin).count(pas.PLUGIN_ID), 1)


class TestGuestPluginUninstall(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_uninstall_removes_it_and_reinstall_adds_it(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        installer = get_installer(portal, self.layer["request"])
        installer.uninstall_product("collab.portal")
        self.assertNotIn(pas.PLUGIN_ID, portal.acl_users.objectIds())
        plugins = portal.acl_users.plugins
        self.assertNotIn(pas.PLUGIN_ID, plugins.listPluginIds(IExtractionPlugin))
        installer.install_product("collab.portal")
        self.assertIn(pas.PLUGIN_ID, plugins.listPluginIds(IExtractionPlugin))
