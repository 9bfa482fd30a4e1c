"""The import page: upload, preview (nothing written), import; refused
rows shown with their numbers; only the secretariat may use it."""

from contacts.import_helpers import csv_bytes
from contacts.import_helpers import GOOD_ROWS
from contacts.import_helpers import ImportTestCase
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import io


class TestImportPage(ImportTestCase):
    def upload(self, browser, data, filename="contacts.csv", duplicates="update"):
        browser.open(f"{self.directory.absolute_url()}/@@import-contacts")
        assert_page(self, browser, "Import contacts", 'for="import-file"')
        browser.getControl(name="file").add_file(io.BytesIO(data), "text/csv", filename)
        browser.getControl(name="duplicates").value = [duplicates]
        browser.getControl(name="preview").click()

    def test_preview_then_import(self):
        browser = self.browser()
        self.upload(browser, csv_bytes(GOOD_ROWS))
        assert_page(
            self,
            browser,
            "To be created",
            "emile.dubois@example.org",
            "To be updated",
            '<th scope="col"',
        )
        self.assertEqual(len(self.contacts()), 2)
        browser.getControl(name="apply").click()
        assert_page(self, browser, "The import is done.")
        self.assertEqual(len(self.contacts()), 4)
        self.assertEqual(len(self.members()), 3)

    def test_refused_rows_block_the_import(self):
        rows = [GOOD_ROWS[0], ["", "Nameless", "n@example.org", "", "", "", "", "", ""]]
        browser = self.browser()
        self.upload(browser, csv_bytes(rows))
        assert_page(self, browser, "Refused rows", "<td>3</td>", status=400)
        self.assertNotIn('name="apply"', browser.contents)
        self.assertEqual(len(self.contacts()), 2)

    def test_unreadable_file(self):
        browser = self.browser()
        self.upload(browser, b"\x00\x01\x02garbage", "contacts.xlsx")
        assert_page(self, browser, "not an Excel workbook", status=400)
        self.assertEqual(len(self.contacts()), 2)

    def test_script_in_a_cell_is_refused_and_shown_escaped(self):
        rows = [["<b>Bold</b>", "Tag", "t@example.org", "", "", "", "", "", ""]]
        browser = self.browser()
        self.upload(browser, csv_bytes(rows))
        assert_page(self, browser, "Refused rows", "markup", status=400)
        self.assertNotIn("<b>Bold</b>", browser.contents)
        self.assertEqual(len(self.contacts()), 2)

    def test_permission_table(self):
        for login, allowed in (
            (None, False),
            ("member", False),
            ("editor", False),
            ("secretariat", True),
            ("siteadmin", True),
        ):
            browser = self.browser(login)
            browser.open(f"{self.directory.absolute_url()}/@@import-contacts")
            if allowed:
                assert_page(self, browser, "Import contacts", 'name="preview"')
            else:
                assert_refused_page(self, browser, login)
