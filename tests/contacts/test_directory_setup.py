"""New sites get /contacts and the Secretariat group from the
distribution; older ones from the upgrade to 1011, which also indexes
their contacts and gives their contact groups a linked Plone group."""

from collab.portal.contacts.directory import contact_by_email
from collab.portal.contacts.directory import find_directory
from collab.portal.contacts.groups import linked_group_id
from collab.portal.testing import INTEGRATION_TESTING
from contacts.directory_helpers import relation
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from portal_helpers import make_user
from portal_helpers import PROFILE_VERSION
import unittest


PROFILE = "collab.portal:default"


class TestDirectorySetup(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_new_site_has_an_internal_directory_and_the_secretariat_group(self):
        directory = self.portal["contacts"]
        self.assertEqual(directory.portal_type, "ContactDirectory")
        self.assertEqual(api.content.get_state(directory), "internal")
        self.assertTrue(directory.exclude_from_nav)
        self.assertEqual(find_directory(self.portal["en"]).UID(), directory.UID())
        group = api.group.get(groupname="Secretariat")
        self.assertIn("Secretariat", group.getRoles())
        make_user("helper")
        api.group.add_user(groupname="Secretariat", username="helper")
        self.assertTrue(
            api.user.has_permission(
                "collab.portal: Add Contact", username="helper", obj=directory
            )
        )

    def test_upgrade_gives_an_old_site_the_same(self):
        catalog = api.portal.get_tool("portal_catalog")
        directory = self.portal["contacts"]
        make_user("editor-old")
        contact = api.content.create(
            directory,
            "Contact",
            id="old-contact",
            given_name="Old",
            family_name="Contact",
            email="old.contact@example.org",
            linked_user="editor-old",
        )
        group = api.content.create(
            directory,
            "ContactGroup",
            id="old-group",
            title="Old group",
            members=[relation(contact)],
        )
        # What a 1010 site looks like: none of this.
        api.group.delete(groupname=linked_group_id(group))
        api.group.delete(groupname="Secretariat")
        catalog.delIndex("contact_email")
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile(PROFILE, "1010")

        setup.upgradeProfile(PROFILE)

        self.assertEqual(setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertIs(self.portal["contacts"].aq_base, directory.aq_base)
        self.assertIn("Secretariat", api.group.get(groupname="Secretariat").getRoles())
        self.assertEqual(
            contact_by_email(self.portal["contacts"], "OLD.contact@example.org").UID(),
            contact.UID(),
        )
        members = api.group.get(groupname=linked_group_id(group)).getGroupMemberIds()
        self.assertEqual(members, ["editor-old"])

    def test_upgrade_makes_a_missing_directory(self):
        api.content.delete(self.portal["contacts"], check_linkintegrity=False)
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile(PROFILE, "1010")
        setup.upgradeProfile(PROFILE)
        self.assertEqual(self.portal["contacts"].portal_type, "ContactDirectory")


class TestDemoDirectory(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_demo_directory(self):
        directory = api.portal.get()["contacts"]
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(directory.getPhysicalPath())
        contacts = [
            b._unrestrictedGetObject()
            for b in catalog.unrestrictedSearchResults(portal_type="Contact", path=path)
        ]
        self.assertGreaterEqual(len(contacts), 24)
        self.assertGreaterEqual(len({c.country for c in contacts}), 8)
        self.assertEqual({c.preferred_language for c in contacts}, {"en", "es", "fr"})
        groups = {
            b._unrestrictedGetObject().kind
            for b in catalog.unrestrictedSearchResults(
                portal_type="ContactGroup", path=path
            )
        }
        self.assertEqual(groups, {"working_group", "focal_points", "observers"})
        wg = directory["working-group-data"]
        self.assertEqual(wg.member_roles[directory["hannah-schmidt"].UID()], "Chair")
        self.assertTrue(all(c.email.endswith("@demo.example.org") for c in contacts))
