"""Upgrade 1013 to 1014: contact groups get their own workflow, the
contacts workflow gives ContactGroupMember nothing, existing objects'
role maps follow, and contacts linked to users deleted before 1014 are
unlinked (unless users may come from elsewhere)."""

from collab.portal.testing import INTEGRATION_TESTING
from OFS.SimpleItem import SimpleItem
from plone import api
from portal_helpers import PROFILE
from portal_helpers import PROFILE_VERSION
from portal_helpers import UpgradeTestCase
from Products.PluggableAuthService.interfaces.plugins import IUserEnumerationPlugin
from zope.interface import implementer


ROLE = "ContactGroupMember"
OLD = "collab_contacts_workflow"
NEW = "collab_contact_group_workflow"


def viewers(obj):
    return [r["name"] for r in obj.rolesOfPermission("View") if r["selected"]]


class TestContactRolesUpgrade(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        super().setUp()
        self.workflows = api.portal.get_tool("portal_workflow")
        self.directory = self.portal["contacts"]
        self.group = self.directory["working-group-data"]
        self.contact = next(
            obj for obj in self.directory.objectValues() if obj.portal_type == "Contact"
        )
        self.mailing = next(
            obj for obj in self.directory.objectValues() if obj.portal_type == "Mailing"
        )

    def make_it_1013(self):
        """One workflow for all four types, the role seeing everything."""
        self.workflows.setChainForPortalTypes(["ContactGroup"], [OLD])
        self.workflows.manage_delObjects([NEW])
        state = self.workflows[OLD].states["internal"]
        for permission in ("View", "Access contents information"):
            roles = list(state.permission_roles[permission]) + [ROLE]
            state.setPermission(permission, False, roles)
        for obj in (self.directory, self.contact, self.group, self.mailing):
            self.workflows[OLD].updateRoleMappingsFor(obj)
            self.assertIn(ROLE, viewers(obj))
        self.contact.linked_user = "deleted-before-1014"
        self.setup.setLastVersionForProfile(PROFILE, "1013")

    def test_upgrade(self):
        self.make_it_1013()

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertEqual(self.workflows.getChainForPortalType("ContactGroup"), (NEW,))
        self.assertEqual(self.workflows.getChainForPortalType("Contact"), (OLD,))
        for obj in (self.directory, self.contact, self.mailing):
            self.assertNotIn(ROLE, viewers(obj), obj)
            self.assertIn("Secretariat", viewers(obj), obj)
        self.assertIn(ROLE, viewers(self.group))
        self.assertEqual(api.content.get_state(self.group), "internal")
        self.assertIsNone(self.contact.linked_user)

    def test_users_from_elsewhere_keep_their_links(self):
        """With an external user source (LDAP here) a user not found may be
        out of reach, not deleted: the contact stays linked, and the log
        says so."""
        acl_users = self.portal.acl_users
        acl_users._setObject("ldap", ExternalUsers("ldap"))
        acl_users.plugins.activatePlugin(IUserEnumerationPlugin, "ldap")
        self.make_it_1013()

        with self.assertLogs("collab.portal", "WARNING") as logs:
            self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.contact.linked_user, "deleted-before-1014")
        self.assertIn("deleted-before-1014", "\n".join(logs.output))


@implementer(IUserEnumerationPlugin)
class ExternalUsers(SimpleItem):
    """A user source outside the site, out of reach: it finds nobody."""

    meta_type = "LDAP Multi Plugin"

    def __init__(self, id):
        self.id = id

    def enumerateUsers(self, *args, **kwargs):
        return ()
