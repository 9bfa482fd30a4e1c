"""Item 3 of issue 23: control characters are refused on every channel
that writes a contact or a group (edit forms, REST, the import, the
personal link) with one message, and what was stored before is written
with spaces in every export, which no longer fails."""

from contacts.control_helpers import CONTROLS
from contacts.control_helpers import store_raw
from contacts.directory_helpers import DirectoryTestCase
from contacts.import_helpers import csv_bytes
from contacts.import_helpers import file_field
from contacts.import_helpers import HEADER
from contacts.self_update_helpers import SelfUpdateTestCase
from io import BytesIO
from portal_helpers import assert_page
import csv
import io
import openpyxl
import transaction
import vobject


ONE_LINE = "Write one line of plain text"


class TestRefusedOnInput(DirectoryTestCase):
    def test_rest_add_and_patch(self):
        session = self.rest("secretariat")
        for char in CONTROLS:
            with self.subTest(char=repr(char)):
                response = session.post(
                    self.directory.absolute_url(),
                    json={
                        "@type": "Contact",
                        "given_name": f"Vera{char}Tab",
                        "family_name": "Vert",
                        "email": "vera@example.org",
                    },
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(ONE_LINE, response.text)
                response = session.patch(
                    self.luc.absolute_url(), json={"organisation": f"OI{char}E"}
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(ONE_LINE, response.text)
        transaction.begin()
        self.assertIsNone(self.luc.organisation)
        self.assertNotIn("vera-vert", self.directory)

    def test_notes_keep_lines_and_tabs_only(self):
        session = self.rest("secretariat")
        response = session.patch(
            self.luc.absolute_url(), json={"notes": "Met in Geneva.\n\tAgain\r\n."}
        )
        self.assertEqual(response.status_code, 204, response.text)
        response = session.patch(self.luc.absolute_url(), json={"notes": "A\x0bB"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("Control characters are not accepted", response.text)
        transaction.begin()
        self.assertEqual(self.luc.notes, "Met in Geneva.\n\tAgain\r\n.")

    def test_edit_form(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.organisation").value = "OI\x0bE"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, ONE_LINE, 'name="form.widgets.organisation"')
        transaction.begin()
        self.assertIsNone(self.luc.organisation)

    def test_member_roles_page_and_rest(self):
        uid = self.luc.UID()
        response = self.rest("secretariat").patch(
            self.wg.absolute_url(), json={"member_roles": {uid: "Vice\x0bchair"}}
        )
        self.assertEqual(response.status_code, 400, response.text)
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@member-roles")
        browser.getControl(name=f"role-{uid}").value = "Vice\u2028chair"
        browser.getControl(name="save").click()
        assert_page(self, browser, "A role is one line", status=400)
        transaction.begin()
        self.assertEqual(self.wg.member_roles, {self.ana.UID(): "Chair"})

    def test_import_refuses_the_row(self):
        rows = [["Vera", "Ve\x0brt", "vera@example.org", "", "", "", "", "", ""]]
        response = self.rest("secretariat").post(
            f"{self.directory.absolute_url()}/@import-contacts",
            json={"file": file_field(csv_bytes(rows, HEADER)), "dry_run": False},
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["errors"][0]["row"], 2)
        self.assertIn("control character", response.json()["errors"][0]["reason"])
        transaction.begin()
        self.assertNotIn("vera-vert", self.directory)


class TestExportsOfStoredControls(DirectoryTestCase):
    """Stored before the rule (or by a script): every export answers, with
    a space where the character was."""

    def setUp(self):
        super().setUp()
        store_raw(self.chen, organisation="Line\x0bbreak\x85Co\u2028\x00")
        store_raw(self.wg, member_roles={self.chen.UID(): "Vice\x0bchair"})
        store_raw(self.luc, organisation="\t=HYPERLINK(1)")

    def test_xlsx_page_and_rest(self):
        for fetch in (self.page_export, self.rest_export):
            with self.subTest(fetch=fetch.__name__):
                data = fetch("xlsx")
                sheet = openpyxl.load_workbook(BytesIO(data)).active
                chen = next(r for r in sheet.values if r[0] == "Chen Wei")
                self.assertEqual(chen[1], "Line break Co  ")
                self.assertEqual(chen[5], "Vice chair")
                luc = next(r for r in sheet.values if r[0] == "Luc Martin")
                # The tab became a space, the formula stays neutralised.
                self.assertEqual(luc[1], "' =HYPERLINK(1)")

    def test_csv_and_vcard(self):
        text = self.rest_export("csv").decode("utf-8-sig")
        chen = next(r for r in csv.reader(io.StringIO(text)) if r[0] == "Chen Wei")
        self.assertEqual(chen[1], "Line break Co  ")
        card = next(
            c
            for c in vobject.readComponents(self.page_export("vcard").decode())
            if c.fn.value == "Chen Wei"
        )
        self.assertEqual(card.org.value, ["Line break Co  "])

    def page_export(self, fmt):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list-export?format={fmt}")
        self.assertEqual(browser.headers["status"], "200 OK", browser.contents[:300])
        contents = browser.contents
        return contents if isinstance(contents, bytes) else contents.encode("utf-8")

    def rest_export(self, fmt):
        response = self.rest("wgmember").get(
            f"{self.wg.absolute_url()}/@address-list", params={"format": fmt}
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.content


class TestPersonalLink(SelfUpdateTestCase):
    def test_page_and_rest(self):
        response = self.post_details(organisation="Line\x0bbreak")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            [e["field"] for e in response.json()["errors"]], ["organisation"]
        )
        self.assertIn(ONE_LINE, response.text)
        browser = self.browser()
        browser.open(self.link)
        browser.getControl(name="organisation").value = "Line\u2028break"
        browser.getControl(name="save").click()
        assert_page(self, browser, "Escriba una sola línea", status=400)
        self.fresh(self.ana)
        self.assertIsNone(self.ana.organisation)


class TestGroupTitle(DirectoryTestCase):
    def test_page_and_rest(self):
        response = self.rest("secretariat").patch(
            self.wg.absolute_url(), json={"title": "Working\x0bgroup"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn(ONE_LINE, response.json()["message"])
        browser = self.browser("secretariat", "fr")
        browser.open(f"{self.wg.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.IBasic.title").value = "W\x0bG"
        browser.getControl(name="form.buttons.save").click()
        assert_page(
            self, browser, "Écrivez une seule ligne", 'name="form.widgets.IBasic.title"'
        )
        browser.open(f"{self.directory.absolute_url()}/++add++ContactGroup")
        browser.getControl(name="form.widgets.IBasic.title").value = "New"
        browser.getControl(name="form.widgets.IBasic.description").value = "A\x0cB"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Les caractères de contrôle ne sont pas acceptés")
        transaction.begin()
        self.assertEqual(self.wg.title, "Working group on data")
        self.assertNotIn("new", self.directory)
