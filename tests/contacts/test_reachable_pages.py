"""The secretariat reaches the contacts pages by clicking (issue 9/12):
tabs for Import contacts on the directory, Personal links on a contact and
Member roles on a group, next to the group's Address list; a member sees
none of them. Members of a contact group may view the group itself (so its
address list page has Plone's header: title, search, navigation), and
upgrade 1011 to 1012 brings both to an existing site."""

from collab.portal.testing import INTEGRATION_TESTING
from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from contacts.directory_helpers import OTHER_MEMBER
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import PROFILE_VERSION
import unittest


PROFILE = "collab.portal:default"
MEMBER_ROLE = "ContactGroupMember"
TABS = {
    "ContactDirectory": ("import-contacts", "collab.portal: Manage contacts"),
    "Contact": ("personal-links", "collab.portal: Manage contacts"),
    "ContactGroup": ("member-roles", "Modify portal content"),
}


def viewers(obj):
    return [r["name"] for r in obj.rolesOfPermission("View") if r["selected"]]


class TestTabs(DirectoryTestCase):
    def page(self, login, obj):
        browser = self.browser(login)
        browser.open(obj.absolute_url())
        return browser

    def test_secretariat_sees_the_tabs(self):
        for obj, tab, title, heading in (
            (self.directory, "import-contacts", "Import contacts", "Upload a file"),
            (self.ana, "personal-links", "Personal links", "Issue a new link"),
            (self.wg, "member-roles", "Member roles", "Roles in the group"),
            (self.wg, "address-list", "Address list", "Export as vCard"),
        ):
            with self.subTest(tab=tab):
                browser = self.page("secretariat", obj)
                assert_page(self, browser, f'id="contentview-{tab}"', title)
                browser.getLink(url=f"{obj.absolute_url()}/@@{tab}?").click()
                assert_page(self, browser, heading)

    def test_tabs_speak_the_pages_language(self):
        for language, tabs in (
            ("es", ("Lista de direcciones", "Funciones de los miembros")),
            ("fr", ("Liste d'adresses", "Rôles des membres")),
        ):
            with self.subTest(language=language):
                browser = self.browser("secretariat", language)
                browser.open(self.wg.absolute_url())
                assert_page(self, browser, 'id="contentview-member-roles"', *tabs)
                self.assertNotIn(">Member roles<", browser.contents)

    def test_member_of_the_group_sees_no_secretariat_tab(self):
        browser = self.page(GROUP_MEMBER, self.wg)
        contents = assert_page(self, browser, "Working group on data", "Address list")
        self.assertIn('id="contentview-address-list"', contents)
        self.assertNotIn('id="contentview-member-roles"', contents)
        self.assertNotIn("@@member-roles", contents)
        # and neither the directory nor a contact opens for them
        browser.open(self.directory.absolute_url())
        assert_refused_page(self, browser, GROUP_MEMBER)
        browser.open(self.ana.absolute_url())
        assert_refused_page(self, browser, GROUP_MEMBER)

    def test_member_sees_no_tab(self):
        for obj in (self.directory, self.ana, self.wg):
            browser = self.page("member", obj)
            assert_refused_page(self, browser, "member")
            self.assertNotIn("@@import-contacts", browser.contents)
            self.assertNotIn("@@personal-links", browser.contents)

    def test_address_list_page_has_plones_header_for_group_members(self):
        browser = self.browser(GROUP_MEMBER)
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        assert_page(self, browser, "<title>", 'id="portal-searchbox"', "Luc Martin")

    def test_other_groups_stay_closed(self):
        browser = self.page(OTHER_MEMBER, self.wg)
        assert_refused_page(self, browser, OTHER_MEMBER)


class TestUpgrade(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.types = api.portal.get_tool("portal_types")
        self.group = self.portal["contacts"]["working-group-data"]

    def action_ids(self, type_name):
        return [a.id for a in self.types[type_name].listActions()]

    def test_upgrade_adds_tabs_and_group_view(self):
        for type_name, (action_id, _permission) in TABS.items():
            self.types[type_name].deleteActions(
                [self.action_ids(type_name).index(action_id)]
            )
        (wf,) = api.portal.get_tool("portal_workflow").getWorkflowsFor(self.group)
        state = wf.states["internal"]
        for permission in ("View", "Access contents information"):
            roles = [r for r in state.permission_roles[permission] if r != MEMBER_ROLE]
            state.setPermission(permission, False, roles)
        wf.updateRoleMappingsFor(self.group)
        self.assertNotIn("ContactGroupMember", viewers(self.group))
        self.setup.setLastVersionForProfile(PROFILE, "1011")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        for type_name, (action_id, permission) in TABS.items():
            action = self.types[type_name].getActionObject(f"object/{action_id}")
            self.assertIsNotNone(action, type_name)
            self.assertEqual(action.permissions, (permission,))
        self.assertIn("ContactGroupMember", viewers(self.group))
