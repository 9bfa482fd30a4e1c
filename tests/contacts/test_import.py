"""Importing contacts and group memberships over REST: preview (dry run),
all-or-nothing apply, duplicates updated or skipped, every refused row
reported with its number."""

from contacts.import_helpers import csv_bytes
from contacts.import_helpers import GOOD_ROWS
from contacts.import_helpers import HEADER
from contacts.import_helpers import ImportTestCase
from contacts.import_helpers import xlsx_bytes


class TestImportRest(ImportTestCase):
    def test_dry_run_previews_and_writes_nothing(self):
        response = self.post(csv_bytes(GOOD_ROWS), dry_run=True)
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual([r["row"] for r in answer["created"]], [2, 3])
        self.assertEqual([r["row"] for r in answer["updated"]], [4])
        self.assertEqual(answer["refused"], [])
        self.assertEqual(len(self.contacts()), 2)

    def test_apply_creates_updates_and_adds_to_groups(self):
        response = self.post(csv_bytes(GOOD_ROWS), dry_run=False)
        self.assertEqual(response.status_code, 200, response.text)
        contacts = self.contacts()
        self.assertEqual(len(contacts), 4)
        emile = contacts["emile.dubois@example.org"]
        self.assertEqual(
            (emile.title, emile.country, emile.position, emile.phone),
            ("Émile Dubois", "FR", "observer", "+33140000000"),
        )
        self.assertEqual(contacts["kofi@example.org"].position, "national_focal_point")
        self.assertEqual(contacts["ana.perez@example.org"].organisation, "Minam")
        self.assertEqual(
            self.members(),
            ["ana.perez@example.org", "emile.dubois@example.org", "kofi@example.org"],
        )
        # Importing again changes nothing more: no second membership.
        self.post(csv_bytes(GOOD_ROWS), dry_run=False)
        self.assertEqual(len(self.contacts()), 4)
        self.assertEqual(len(self.members()), 3)

    def test_skip_duplicates(self):
        response = self.post(csv_bytes(GOOD_ROWS), dry_run=False, duplicates="skip")
        self.assertEqual([r["row"] for r in response.json()["skipped"]], [4])
        self.assertIsNone(self.contacts()["ana.perez@example.org"].organisation)

    def test_encodings_and_delimiters(self):
        for data in (
            csv_bytes(GOOD_ROWS, encoding="utf-8-sig"),
            csv_bytes(GOOD_ROWS, encoding="latin-1"),
            csv_bytes(GOOD_ROWS, delimiter=";"),
        ):
            response = self.post(data, dry_run=True)
            self.assertEqual(response.status_code, 200, response.text)
            names = [r["given_name"] for r in response.json()["created"]]
            self.assertEqual(names, ["Émile", "Kofi"])

    def test_xlsx(self):
        response = self.post(xlsx_bytes(GOOD_ROWS), "contacts.xlsx", dry_run=False)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(self.contacts()), 4)

    def test_refused_rows_reported_and_nothing_written(self):
        bad = [
            GOOD_ROWS[0],
            ["", "Nameless", "n@example.org", "", "", "", "", "", ""],
            ["Bad", "Mail", "not-an-address", "", "", "", "", "", ""],
            ["Dup", "Licate", "EMILE.dubois@example.org", "", "", "", "", "", ""],
            ["Some", "Where", "s@example.org", "", "", "Atlantis", "", "", ""],
            ["Some", "Role", "r@example.org", "", "pope", "", "", "", ""],
            ["X", "<script>alert(1)</script>", "x@example.org", "", "", "", "", "", ""],
            ["Lang", "Uage", "l@example.org", "", "", "", "", "de", ""],
            ["Pho", "Ne", "p@example.org", "", "", "", "12", "", ""],
            ["Gro", "Up", "g@example.org", "", "", "", "", "", "nope"],
        ]
        response = self.post(csv_bytes(bad), dry_run=False, language="fr")
        self.assertEqual(response.status_code, 400, response.text)
        errors = response.json()["errors"]
        self.assertEqual([e["row"] for e in errors], list(range(3, 12)))
        self.assertTrue(all(e["reason"] for e in errors))
        self.assertEqual(len(self.contacts()), 2)
        self.assertEqual(self.members(), [])

    def test_refusals_are_translated(self):
        bad = [["", "Nameless", "n@example.org", "", "", "", "", "", ""]]
        response = self.post(csv_bytes(bad), session=self.rest(language="es"))
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("nada", response.json()["message"])

    def test_unreadable_files_refused_whole(self):
        garbage = bytes(range(256)) * (10 * 1024 * 1024 // 256)
        for data, filename in (
            (garbage, "contacts.csv"),
            (b"\x00\x01garbage" * 1000, "contacts.csv"),
            (csv_bytes(GOOD_ROWS), "contacts.xlsx"),  # not what its name says
            (b"PK\x03\x04 broken zip", "contacts.xlsx"),
            ("given_name,family_name,email\r\n".encode("utf-16"), "contacts.csv"),
            (b"name;mail\r\nAna;a@example.org\r\n", "contacts.csv"),  # no header
            (csv_bytes([]), "contacts.csv"),
            (b"", "contacts.csv"),
        ):
            response = self.post(data, filename, dry_run=False)
            self.assertEqual(response.status_code, 400, (filename, data[:20]))
            self.assertTrue(response.json()["message"])
        self.assertEqual(len(self.contacts()), 2)

    def test_bad_request_bodies(self):
        session = self.rest()
        url = f"{self.directory.absolute_url()}/@import-contacts"
        for body in (
            {},
            {"file": "abc"},
            {"file": {"data": "!!!", "encoding": "base64"}},
            {"file": {"data": "YQ==", "encoding": "latin-1"}},
        ):
            self.assertEqual(session.post(url, json=body).status_code, 400, body)
        data = csv_bytes(GOOD_ROWS)
        self.assertEqual(self.post(data, dry_run="no").status_code, 400)
        self.assertEqual(self.post(data, duplicates="merge").status_code, 400)
        self.assertEqual(len(self.contacts()), 2)

    def test_permission_table(self):
        data = csv_bytes(GOOD_ROWS)
        for login, status in (
            (None, 401),
            ("member", 401),
            ("editor", 401),
            ("secretariat", 200),
            ("siteadmin", 200),
        ):
            response = self.post(data, session=self.rest(login), dry_run=True)
            self.assertEqual(response.status_code, status, login)
        self.assertEqual(len(self.contacts()), 2)

    def test_header_aliases(self):
        header = ["Given name", "FAMILY NAME", "E-mail"] + HEADER[3:]
        response = self.post(csv_bytes(GOOD_ROWS, header=header), dry_run=True)
        self.assertEqual(response.status_code, 200, response.text)
