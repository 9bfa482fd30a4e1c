"""Upgrade 1019 to 1020: an existing site gets the "Import original" tab
of drafts (portal_actions, category ``object``), guarded by "Modify
portal content"; running it again adds nothing."""

from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from portal_helpers import UpgradeTestCase


class TestImportOriginalActionUpgrade(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def category(self):
        return api.portal.get_tool("portal_actions")["object"]

    def test_a_new_site_has_the_action(self):
        action = self.category()["import_original"]
        self.assertEqual(action.permissions, ("Modify portal content",))
        self.assertIn("@@import-original", action.url_expr)

    def test_upgrade_adds_the_action_once(self):
        self.category().manage_delObjects(["import_original"])
        self.assertNotIn("import_original", self.category().objectIds())
        self.upgrade_from("1019")
        action = self.category()["import_original"]
        self.assertEqual(action.permissions, ("Modify portal content",))
        self.assertTrue(action.visible)
        self.upgrade_from("1019")
        self.assertEqual(self.category().objectIds().count("import_original"), 1)
