"""Roles in a contact group (chair, rapporteur …): set by the secretariat
on ``@@member-roles`` or by PATCHing ``member_roles``; shown on the
address list."""

from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import transaction


class TestMemberRoles(DirectoryTestCase):
    def test_secretariat_sets_roles_on_the_page(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        browser.getLink("Roles in the group").click()
        assert_page(self, browser, "Roles in the group:", "Chen Wei")
        self.assertEqual(browser.getControl("Ana Pérez").value, "Chair")
        browser.getControl("Ana Pérez").value = ""
        browser.getControl("Chen Wei").value = " Rapporteur "
        browser.getControl("Save").click()
        assert_page(self, browser, "Address list:", "Rapporteur")
        transaction.begin()
        self.assertEqual(self.wg.member_roles, {self.chen.UID(): "Rapporteur"})

    def test_bad_input_changes_nothing(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@member-roles")
        browser.getControl("Chen Wei").value = "x" * 101
        browser.getControl("Save").click()
        assert_page(
            self,
            browser,
            "A role is one line of at most 100 characters.",
            status=400,
        )
        transaction.begin()
        self.assertEqual(self.wg.member_roles, {self.ana.UID(): "Chair"})

    def test_group_members_do_not_set_roles(self):
        browser = self.browser(GROUP_MEMBER)
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Chen Wei", "Export as CSV")
        self.assertNotIn("@@member-roles", page)
        browser.open(f"{self.wg.absolute_url()}/@@member-roles")
        assert_refused_page(self, browser, GROUP_MEMBER)

    def test_rest(self):
        session = self.rest("secretariat")
        response = session.patch(
            self.wg.absolute_url(),
            json={"member_roles": {self.luc.UID(): "Vice-chair", "not-a-uid": "x"}},
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(self.wg.member_roles, {self.luc.UID(): "Vice-chair"})
        data = session.get(f"{self.wg.absolute_url()}/@address-list").json()
        roles = {item["family_name"]: item["role"] for item in data["items"]}
        self.assertEqual(roles, {"Martin": "Vice-chair", "Pérez": "", "Wei": ""})
