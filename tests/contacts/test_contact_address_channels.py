"""An address the mail path cannot send is refused on every channel where
a contact's address is written (issue 23, item 1): a local part beyond
ASCII would need SMTPUTF8, which the mail path does not speak. An
internationalised domain is accepted (stored in Unicode, IDNA-encoded
when mail is written)."""

from collab.portal.contacts import self_update
from collab.portal.contacts.importing import plan_import
from collab.portal.contacts.update_links import update_link
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.import_helpers import csv_bytes
from contacts.import_helpers import file_field
from portal_helpers import assert_page
from portal_helpers import page_browser
from portal_helpers import rest_session
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import transaction
import unittest


LOCAL = "ñu@example.org"
IDNA = "quin@xn--bcher-kva.example"
MESSAGE = "before the @ in plain letters"


class TestAddressChannels(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)

    def rest(self, login="secretariat", language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def test_rest_refuses_a_non_ascii_local_part_accepts_an_idna_domain(self):
        session = self.rest()
        response = session.patch(self.luc.absolute_url(), json={"email": LOCAL})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn(MESSAGE, response.text)
        transaction.begin()
        self.assertEqual(self.luc.email, "luc.martin@example.org")

        response = session.patch(self.luc.absolute_url(), json={"email": IDNA})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(self.luc.email, "quin@bücher.example")

    def test_rest_refusal_is_translated(self):
        response = self.rest(language="es").patch(
            self.luc.absolute_url(), json={"email": LOCAL}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("antes de la @", response.text)

    def test_edit_form_refuses(self):
        browser = page_browser(self.layer["app"], "secretariat")
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.email").value = LOCAL
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, MESSAGE, 'name="form.widgets.email"')
        transaction.begin()
        self.assertEqual(self.luc.email, "luc.martin@example.org")

    def test_import_refuses_the_row(self):
        data = csv_bytes([["Ñu", "Gnu", LOCAL], ["Quin", "Book", IDNA]])
        plan = plan_import(self.directory, data, "contacts.csv")
        self.assertEqual(plan.refused, [(2, "email_local_part")])
        self.assertEqual([v["email"] for v in plan.create], ["quin@bücher.example"])
        response = self.rest().post(
            f"{self.directory.absolute_url()}/@import-contacts",
            json={"file": file_field(data), "dry_run": False},
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("before the @", response.text)
        transaction.begin()
        self.assertNotIn("nu-gnu", self.directory.objectIds())

    def test_personal_link_refuses(self):
        _clean, errors = self_update.checked(self.ana, {"email": LOCAL})
        self.assertIn(MESSAGE, errors["email"].default)
        query = parse_qs(urlsplit(update_link(self.ana)).query)
        transaction.commit()
        session = rest_session(self.portal.absolute_url())
        response = session.post(
            f"{session.base}/@update-details",
            json={
                "contact": query["contact"][0],
                "token": query["token"][0],
                "email": LOCAL,
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn(MESSAGE, response.text)
        transaction.begin()
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
