"""Item 12 of issue 23 on groups and address lists: the inputs that
answered 500 (b_size=-1, format twice, members holding a non-contact or
the group itself, member_roles: []) and the misleading ones (sort_on
twice) now answer a 400 that names the parameter, and change nothing."""

from contacts.directory_helpers import DirectoryTestCase
from portal_helpers import assert_page
import transaction


class TestAddressListQueries(DirectoryTestCase):
    def test_rest(self):
        session = self.rest("secretariat")
        url = f"{self.wg.absolute_url()}/@address-list"
        for query, message in (
            ("b_size=-1", "b_size"),
            ("b_size=0", "b_size"),
            ("b_size=x", "b_size"),
            ("b_start=-5", "b_start"),
            ("format=csv&format=xlsx", "format"),
            ("sort_on=name&sort_on=email", "Sort the address list"),
            ("country=FR&country=PE", "country code"),
        ):
            with self.subTest(query=query):
                response = session.get(f"{url}?{query}")
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(message, response.json()["message"])
        response = session.get(f"{url}?b_size=2&b_start=1")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["items"]), 2)

    def test_pages(self):
        browser = self.browser("secretariat")
        base = self.wg.absolute_url()
        for path, message in (
            ("@@address-list-export?format=csv&format=xlsx", "Export as csv"),
            ("@@address-list-export?sort_on=name&sort_on=x", "Sort the address"),
            ("@@address-list?sort_on=name&sort_on=email", "Sort the address"),
            ("@@address-list-mailto?country=FR&country=PE", "country code"),
        ):
            with self.subTest(path=path):
                browser.open(f"{base}/{path}")
                assert_page(self, browser, message, status=400)


class TestGroupMembers(DirectoryTestCase):
    def members(self):
        transaction.begin()
        return [rel.to_object.getId() for rel in self.wg.members]

    def test_rest_refuses_what_is_not_a_contact(self):
        session = self.rest("secretariat")
        before = self.members()
        document = self.portal.get("en", self.portal)
        for members in (
            [self.ana.UID(), self.wg.UID()],
            [self.ana.UID(), self.observers.UID()],
            [self.ana.UID(), document.UID()],
            [{}],
            [None],
            [True],
            "nope",
        ):
            with self.subTest(members=members):
                response = session.patch(
                    self.wg.absolute_url(), json={"members": members}
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        self.assertEqual(self.members(), before)
        response = session.post(
            self.directory.absolute_url(),
            json={"@type": "ContactGroup", "title": "Odd", "members": [self.wg.UID()]},
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("Only contacts can be members", response.text)
        transaction.begin()
        self.assertNotIn("odd", self.directory)

    def test_member_roles_must_be_an_object(self):
        session = self.rest("secretariat")
        for roles in ([], "Chair", [["uid", "Chair"]], {self.ana.UID(): 5}):
            with self.subTest(roles=roles):
                response = session.patch(
                    self.wg.absolute_url(), json={"member_roles": roles}
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn("member_roles", response.json()["message"])
        transaction.begin()
        self.assertEqual(self.wg.member_roles, {self.ana.UID(): "Chair"})

    def test_edit_form_refuses_the_group_itself(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@edit")
        control = browser.getControl(name="form.widgets.members")
        control.value = ";".join([self.ana.UID(), self.wg.UID()])
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Only contacts can be members of a group.")
        self.assertEqual(self.members(), ["ana-perez", "luc-martin", "chen-wei"])
