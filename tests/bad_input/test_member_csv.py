"""``POST @users`` with a CSV file (plone.restapi's bulk creation) works
with the add-on: a user manager's file creates its users; a file with one
bad row is refused whole, naming the row, and creates nobody; visitors
and members may not send files."""

from bad_input.helpers import in_language
from collab.portal import _
from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from portal_helpers import create_role_users
from portal_helpers import rest_session
from zope.i18n import translate
import transaction
import unittest


HEADER = "username,email,fullname,organisation,country,home_page,password\n"
GOOD = (
    "wg1,wg1@example.org,Ana Pérez,MINAM,PE,https://minam.example,Wg1-Pass-2026\n"
    "wg2,wg2@example.org,Luc Martin,,FR,,Wg2-Pass-2026\n"
)


class TestMemberCsv(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        transaction.commit()

    def post(self, text, login="siteadmin", language="es"):
        session = rest_session(self.portal.absolute_url(), login, language)
        return session.post(
            f"{session.base}/@users",
            files={"file": ("users.csv", text.encode("utf-8"), "text/csv")},
        )

    def users(self, *ids):
        transaction.begin()
        return [userid for userid in ids if api.user.get(userid=userid) is not None]

    def test_a_manager_creates_users_from_a_file(self):
        response = self.post(HEADER + GOOD)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["items_total"], 2)
        self.assertEqual(self.users("wg1", "wg2"), ["wg1", "wg2"])
        user = api.user.get(userid="wg1")
        self.assertEqual(user.getProperty("organisation"), "MINAM")
        self.assertEqual(user.getProperty("country"), "PE")
        self.assertEqual(user.getProperty("fullname"), "Ana Pérez")

    def test_a_bad_row_is_named_and_nobody_created(self):
        country = _("Choose a country by its ISO 3166 two-letter code.")
        for bad_row, row, message in (
            ("wg3,wg3@example.org,Chen,,XX,,Wg3-Pass-2026\n", 4, country),
            (
                "wg3,wg3@example.org,Chen,,,javascript:alert(1),Wg3-Pass-2026\n",
                4,
                _(
                    "member_home_page_invalid",
                    default="The home page is a web address starting with "
                    "http:// or https://.",
                ),
            ),
            (
                'wg3,wg3@example.org,"Two\nlines",,,,Wg3-Pass-2026\n',
                4,
                _(
                    "member_fullname_invalid",
                    default="The full name is one line of at most ${max} characters.",
                    mapping={"max": "100"},
                ),
            ),
            (
                "wg1,wg9@example.org,Again,,,,Wg9-Pass-2026\n",
                4,
                _("This user name is taken or not allowed."),
            ),
            (
                "member,m@example.org,Taken,,,,Wg9-Pass-2026\n",
                4,
                _("This user name is taken or not allowed."),
            ),
            (
                "wg3,not-an-address,Chen,,,,Wg3-Pass-2026\n",
                4,
                _("This is not a valid e-mail address."),
            ),
        ):
            with self.subTest(bad_row=bad_row):
                response = self.post(HEADER + GOOD + bad_row)
                self.assertEqual(response.status_code, 400, response.text)
                text = response.json()["message"]
                self.assertTrue(text.startswith(f"Fila {row}:"), text)
                self.assertIn(in_language(message, "es"), text)
                self.assertNotIn(translate(message, target_language="en"), text)
                self.assertEqual(self.users("wg1", "wg2", "wg3"), [])

    def test_roles_and_passwords_checked_before_anything_is_created(self):
        """Plone's registration refuses a role its giver does not hold, or
        a weak password, only when it reaches the row: the rows before
        would stay. Checked first here."""
        header = "username,email,password,roles\n"
        first = "wg1,wg1@example.org,Wg1-Pass-2026,Member\n"
        for login, row, message in (
            (
                "siteadmin",
                "wg2,wg2@example.org,Wg2-Pass-2026,Manager\n",
                _(
                    "member_csv_role_refused",
                    default="You may not give the role ${role}.",
                    mapping={"role": "Manager"},
                ),
            ),
            (
                "manager",
                "wg2,wg2@example.org,Wg2-Pass-2026,Pope\n",
                _(
                    "member_csv_role_refused",
                    default="You may not give the role ${role}.",
                    mapping={"role": "Pope"},
                ),
            ),
            ("manager", "wg2,wg2@example.org,x,Member\n", None),
        ):
            with self.subTest(login=login, row=row):
                response = self.post(header + first + row, login=login)
                self.assertEqual(response.status_code, 400, response.text)
                text = response.json()["message"]
                self.assertTrue(text.startswith("Fila 3:"), text)
                if message is not None:
                    self.assertIn(in_language(message, "es"), text)
                self.assertEqual(self.users("wg1", "wg2"), [])
        response = self.post(
            header + first + "wg2,wg2@example.org,Wg2-Pass-2026,Site Administrator\n"
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.users("wg1", "wg2"), ["wg1", "wg2"])
        self.assertIn("Site Administrator", api.user.get_roles(username="wg2"))

    def test_no_csv_file(self):
        message = _("Send a CSV file (text/csv) as the form field file.")
        session = rest_session(self.portal.absolute_url(), "siteadmin", "fr")
        for files in (
            {"file": ("u.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")},
            {"other": ("u.csv", (HEADER + GOOD).encode(), "text/csv")},
        ):
            with self.subTest(files=list(files)):
                response = session.post(f"{session.base}/@users", files=files)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(in_language(message, "fr"), response.json()["message"])
        self.assertEqual(self.users("wg1", "wg2"), [])

    def test_not_utf8(self):
        session = rest_session(self.portal.absolute_url(), "siteadmin", "fr")
        response = session.post(
            f"{session.base}/@users",
            files={"file": ("u.csv", (HEADER + GOOD).encode("utf-16"), "text/csv")},
        )
        self.assertEqual(response.status_code, 400, response.text)
        message = _("The file is not a CSV file in UTF-8.")
        self.assertIn(in_language(message, "fr"), response.json()["message"])
        self.assertEqual(self.users("wg1", "wg2"), [])

    def test_only_user_managers_send_files(self):
        for login in (None, "member", "editor"):
            with self.subTest(login=login):
                response = self.post(HEADER + GOOD, login=login)
                self.assertIn(response.status_code, (401, 403), response.text)
                self.assertEqual(self.users("wg1", "wg2"), [])
        # One account at a time, as before.
        response = rest_session(self.portal.absolute_url()).post(
            f"{self.portal.absolute_url()}/@users",
            json={
                "username": "newcomer",
                "email": "newcomer@example.org",
                "password": "Newcomer-Pass-2026",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
