"""A contact's address is unique in its directory (any case) and stored
normalised with the phone; a linked user must exist; contacts sort by
family name; the REST shape uses the issue's field names."""

from contacts.directory_helpers import DirectoryTestCase
from plone import api
import transaction


class TestContactFields(DirectoryTestCase):
    def add_form(self, email, login="secretariat"):
        browser = self.browser(login)
        browser.open(f"{self.directory.absolute_url()}/++add++Contact")
        browser.getControl(name="form.widgets.given_name").value = "Ana"
        browser.getControl(name="form.widgets.family_name").value = "Otra"
        browser.getControl(name="form.widgets.email").value = email
        browser.getControl(name="form.widgets.phone").value = "+51 1 234 5678"
        browser.getControl(name="form.buttons.save").click()
        return browser

    def test_normalised_when_stored(self):
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
        self.assertEqual(self.chen.phone, "+861012345678")

    def test_page_refuses_a_taken_address_in_any_case(self):
        browser = self.add_form("ANA.PEREZ@example.org")
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn(
            "Another contact in this directory has this e-mail address.",
            browser.contents,
        )
        transaction.begin()
        self.assertNotIn("ana-otra", self.directory)

    def test_page_adds_with_a_new_address_normalised(self):
        browser = self.add_form("ana.otra@EXAMPLE.org")
        self.assertIn("Item created", browser.contents)
        transaction.begin()
        contact = self.directory["ana-otra"]
        self.assertEqual(contact.email, "ana.otra@example.org")
        self.assertEqual(contact.phone, "+5112345678")

    def test_edit_form_keeps_own_address_refuses_another(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.organisation").value = "OIE"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Changes saved", browser.contents)
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.email").value = "chen.wei@example.org"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn(
            "Another contact in this directory has this e-mail address.",
            browser.contents,
        )
        transaction.begin()
        self.assertEqual(self.luc.email, "luc.martin@example.org")
        self.assertEqual(self.luc.organisation, "OIE")

    def test_rest_refuses_a_taken_address_translated(self):
        session = self.rest("secretariat", language="es")
        response = session.post(
            self.directory.absolute_url(),
            json={
                "@type": "Contact",
                "given_name": "Ana",
                "family_name": "Otra",
                "email": "ana.perez@EXAMPLE.ORG",
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn(
            "Otro contacto de este directorio tiene esta dirección",
            response.json()["message"],
        )
        response = session.patch(
            self.luc.absolute_url(), json={"email": "Chen.Wei@example.org"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertEqual(self.luc.email, "luc.martin@example.org")
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(
            len(catalog.unrestrictedSearchResults(portal_type="Contact", Title="Otra")),
            0,
        )

    def test_linked_user_must_exist(self):
        session = self.rest("secretariat")
        response = session.patch(
            self.luc.absolute_url(), json={"linked_user": "nobody-here"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("There is no site user with this user id.", response.text)
        response = session.patch(
            self.luc.absolute_url(), json={"linked_user": "editor"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(self.luc.linked_user, "editor")
        self.assertIn("editor", self.plone_group_members(self.wg))

    def test_rest_shape(self):
        session = self.rest("secretariat")
        data = session.get(self.chen.absolute_url()).json()
        for name in (
            "salutation",
            "given_name",
            "family_name",
            "organisation",
            "position",
            "email",
            "phone",
            "preferred_language",
            "linked_user",
            "notes",
        ):
            self.assertIn(name, data)
        self.assertEqual(data["country"]["token"], "CN")
        self.assertEqual(data["phone"], "+861012345678")
        self.assertEqual(data["given_name"], "Chen")

    def test_sorted_by_family_name(self):
        catalog = api.portal.get_tool("portal_catalog")
        names = [
            brain.Title
            for brain in catalog.unrestrictedSearchResults(
                portal_type="Contact",
                path="/".join(self.directory.getPhysicalPath()),
                sort_on="sortable_title",
            )
        ]
        ours = [
            n for n in names if n in ("Ana Pérez", "Luc Martin", "Chen Wei", "Olu Ade")
        ]
        self.assertEqual(ours, ["Olu Ade", "Luc Martin", "Ana Pérez", "Chen Wei"])
