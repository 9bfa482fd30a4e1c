"""Install, uninstall, reinstall and upgrade of the add-on profile."""

from AccessControl.PermissionRole import rolesForPermissionOn
from collab.portal.interfaces import IBrowserLayer
from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.browserlayer.utils import registered_layers
from portal_helpers import PROFILE_VERSION
import unittest


PROFILE = "collab.portal:default"


class TestInstall(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_installed_with_dependencies(self):
        from plone.base.utils import get_installer

        installer = get_installer(self.portal, self.layer["request"])
        for product in (
            "collab.portal",
            "plone.restapi",
            "plone.app.discussion",
            "plone.app.multilingual",
            "collective.easyform",
        ):
            self.assertTrue(installer.is_product_installed(product), product)

    def test_browserlayer(self):
        self.assertIn(IBrowserLayer, registered_layers())

    def test_settings_records(self):
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.secretariat_name"),
            "Secretariat",
        )
        self.assertIsNone(
            api.portal.get_registry_record("collab.portal.secretariat_email")
        )

    def test_configlet(self):
        panel = api.portal.get_tool("portal_controlpanel")
        ids = [a.getId() for a in panel.listActions()]
        self.assertIn("collab-portal", ids)

    def test_permission_roles(self):
        roles = {
            r["name"]
            for r in self.portal.rolesOfPermission("collab.portal: Manage settings")
            if r["selected"]
        }
        self.assertEqual(roles, {"Manager", "Site Administrator"})

    def test_profile_version(self):
        setup = api.portal.get_tool("portal_setup")
        self.assertEqual(setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)


class TestUninstall(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        from plone.base.utils import get_installer

        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.installer = get_installer(self.portal, self.layer["request"])
        self.installer.uninstall_product("collab.portal")

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("collab.portal"))

    def test_browserlayer_removed(self):
        self.assertNotIn(IBrowserLayer, registered_layers())

    def test_settings_removed(self):
        registry = api.portal.get_tool("portal_registry")
        self.assertNotIn("collab.portal.secretariat_name", registry.records)
        self.assertNotIn("collab.portal.secretariat_email", registry.records)

    def test_types_and_workflows_removed(self):
        types = api.portal.get_tool("portal_types")
        workflow = api.portal.get_tool("portal_workflow")
        self.assertNotIn("Forum", types.objectIds())
        self.assertNotIn("DiscussionGroup", types.objectIds())
        self.assertNotIn("collab_discussion_group_workflow", workflow.objectIds())
        self.assertEqual(
            workflow.getChainForPortalType("Discussion Item"),
            ("comment_one_state_workflow",),
        )

    def test_forum_left_navigation_types(self):
        self.assertNotIn(
            "Forum", api.portal.get_registry_record("plone.displayed_types")
        )

    def test_configlet_removed(self):
        panel = api.portal.get_tool("portal_controlpanel")
        self.assertNotIn("collab-portal", [a.getId() for a in panel.listActions()])

    def test_dependencies_stay(self):
        # Content in language folders depends on these; uninstalling the
        # add-on must not take the site's multilingual set-up with it.
        self.assertTrue(self.installer.is_product_installed("plone.app.multilingual"))
        self.assertIn("en", self.portal.objectIds())

    def test_reinstall(self):
        self.installer.install_product("collab.portal")
        self.assertTrue(self.installer.is_product_installed("collab.portal"))
        self.assertIn(IBrowserLayer, registered_layers())
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.secretariat_name"),
            "Secretariat",
        )


class TestUpgrades(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")

    def test_upgrade_from_1000_adds_settings(self):
        registry = api.portal.get_tool("portal_registry")
        for name in ("secretariat_name", "secretariat_email"):
            del registry.records[f"collab.portal.{name}"]
        self.setup.setLastVersionForProfile(PROFILE, "1000")
        self.assertTrue(self.setup.listUpgrades(PROFILE))

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.secretariat_name"),
            "Secretariat",
        )
        self.assertEqual(self.setup.listUpgrades(PROFILE), [])

    def test_upgrade_1002_to_1003_adds_comment_workflow_and_settings(self):
        workflow = api.portal.get_tool("portal_workflow")
        registry = api.portal.get_tool("portal_registry")
        workflow.setChainForPortalTypes(
            ["Discussion Item"], ("comment_one_state_workflow",)
        )
        del registry.records["collab.portal.flags_to_hide"]
        self.setup.setLastVersionForProfile(PROFILE, "1002")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(
            workflow.getChainForPortalType("Discussion Item"),
            ("collab_comment_workflow",),
        )
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.flags_to_hide"), 3
        )
        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)

    def test_upgrade_1001_to_1002_adds_forum_types(self):
        types = api.portal.get_tool("portal_types")
        workflow = api.portal.get_tool("portal_workflow")
        types.manage_delObjects(["Forum", "DiscussionGroup"])
        workflow.manage_delObjects(
            ["collab_forum_workflow", "collab_discussion_group_workflow"]
        )
        self.setup.setLastVersionForProfile(PROFILE, "1001")

        self.setup.upgradeProfile(PROFILE)

        self.assertIn("Forum", types.objectIds())
        self.assertIn("DiscussionGroup", types.objectIds())
        self.assertEqual(
            workflow.getChainForPortalType("DiscussionGroup"),
            ("collab_discussion_group_workflow",),
        )
        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)

    def test_upgrade_1004_to_1005_groups_follow_their_forum(self):
        from forum.helpers import make_forum

        forum = make_forum(self.portal["en"])
        group = forum["monitoring"]
        api.content.transition(forum, to_state="private")
        # The 1004 workflow: an open group was public whatever its forum.
        definition = api.portal.get_tool("portal_workflow")[
            "collab_discussion_group_workflow"
        ]
        for permission in ("View", "Access contents information"):
            definition.states["open"].setPermission(permission, 0, ("Anonymous",))
        definition.updateRoleMappingsFor(group)
        self.assertIn("Anonymous", rolesForPermissionOn("View", group))
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled",
            False,
        )
        self.setup.setLastVersionForProfile(PROFILE, "1004")

        self.setup.upgradeProfile(PROFILE)

        self.assertNotIn("Anonymous", rolesForPermissionOn("View", group))
        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertTrue(
            api.portal.get_registry_record(
                "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled"
            )
        )
        api.content.transition(forum, to_state="published")
        self.assertIn("Anonymous", rolesForPermissionOn("View", group))
