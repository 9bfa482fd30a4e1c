"""Item 11 of issue 23: the import page imports everything up to the
documented 5 MB it has previewed. The previewed file stays on the server
for its user (the form carries a token, not the file), a second preview
or another user cannot import it, and ``file_data`` twice is a 400."""

from collab.portal.contacts import import_uploads
from contacts.import_helpers import csv_bytes
from contacts.import_helpers import GOOD_ROWS
from contacts.import_helpers import ImportTestCase
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.protect.authenticator import createToken
from portal_helpers import assert_page
from unittest import mock
from urllib.parse import urlencode
import io
import transaction


# The instance's form-memory-limit (cli/instance.py).
FORM_MEMORY_LIMIT = 4 * 1024 * 1024


def large_csv(contacts=40, size=4_500_000):
    """``contacts`` rows padded with an ignored column to about ``size``
    bytes: a file the old page could preview but not import."""
    header = ["given_name", "family_name", "email", "remarks"]
    pad = "x" * (size // contacts - 60)
    rows = [
        [f"Big{n}", f"File{n}", f"big{n}@example.org", pad] for n in range(contacts)
    ]
    return csv_bytes(rows, header)


class TestImportPageUpload(ImportTestCase):
    def setUp(self):
        super().setUp()
        patcher = mock.patch(
            "ZPublisher.HTTPRequest.FORM_MEMORY_LIMIT", FORM_MEMORY_LIMIT
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def preview(self, browser, data, filename="contacts.csv"):
        browser.open(f"{self.directory.absolute_url()}/@@import-contacts")
        browser.getControl(name="file").add_file(io.BytesIO(data), "text/csv", filename)
        browser.getControl(name="preview").click()

    def test_a_file_of_4_5_mb_previewed_then_imported(self):
        data = large_csv()
        self.assertGreater(len(data), 4_400_000)
        browser = self.browser()
        self.preview(browser, data)
        assert_page(self, browser, "To be created", "big39@example.org")
        self.assertNotIn('name="file_data"', browser.contents)
        self.assertLess(len(browser.contents), 100_000)
        self.assertEqual(len(self.contacts()), 2)
        browser.getControl(name="apply").click()
        assert_page(self, browser, "The import is done.")
        self.assertEqual(len(self.contacts()), 42)
        transaction.begin()
        self.assertIsNone(import_uploads.kept(self.directory, "secretariat", "x"))

    def test_a_second_preview_replaces_the_first(self):
        first, second = self.browser(), self.browser()
        self.preview(first, csv_bytes(GOOD_ROWS))
        assert_page(self, first, "emile.dubois@example.org")
        other = [["Only", "Second", "second@example.org", "", "", "", "", "", ""]]
        self.preview(second, csv_bytes(other))
        assert_page(self, second, "second@example.org")
        first.getControl(name="apply").click()
        assert_page(self, first, "no longer kept", status=400)
        self.assertEqual(len(self.contacts()), 2)
        second.getControl(name="apply").click()
        assert_page(self, second, "The import is done.")
        self.assertIn("second@example.org", self.contacts())
        self.assertNotIn("emile.dubois@example.org", self.contacts())

    def test_kept_for_its_user_and_a_short_time(self):
        browser = self.browser()
        self.preview(browser, csv_bytes(GOOD_ROWS))
        token = browser.getControl(name="upload").value
        transaction.begin()
        self.assertIsNotNone(import_uploads.kept(self.directory, "secretariat", token))
        self.assertIsNone(import_uploads.kept(self.directory, "editor", token))
        later = datetime.now(UTC) + import_uploads.KEEP + timedelta(minutes=1)
        import_uploads.purge(later)
        transaction.commit()
        browser.getControl(name="apply").click()
        assert_page(self, browser, "no longer kept", status=400)
        self.assertEqual(len(self.contacts()), 2)

    def test_old_and_doubled_fields_are_a_400(self):
        for fields in (
            {"file_data": ["YQ==", "Yg=="], "apply": "1"},
            {"file_data": "YQ==", "filename": "a.csv", "apply": "1"},
            {"upload": ["a", "b"], "apply": "1"},
            {"preview": "1"},
        ):
            with self.subTest(fields=fields):
                browser = self.browser()
                with api.env.adopt_user(username="secretariat"):
                    fields = dict(fields, _authenticator=createToken())
                browser.post(
                    f"{self.directory.absolute_url()}/@@import-contacts",
                    urlencode(fields, doseq=True),
                )
                assert_page(self, browser, "Import contacts", status=400)
        self.assertEqual(len(self.contacts()), 2)
