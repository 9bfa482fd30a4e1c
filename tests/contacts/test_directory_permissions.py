"""Who may read a group's address list, read a contact's notes and edit a
contact, as one table, on the page and over REST; and the notes guard on
every channel when the notes permission is taken away."""

from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from contacts.directory_helpers import OTHER_MEMBER
from contacts.helpers import make_site_wide_member
from contacts.helpers import SITE_WIDE_MEMBER
from plone import api
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import transaction


# fmt: off
ACTIONS = ("address_list", "notes", "edit")
POLICY = {
    #                       address_list notes edit
    None:                  "N            N     N",
    "member":              "N            N     N",
    GROUP_MEMBER:          "Y            N     N",
    OTHER_MEMBER:          "N            N     N",
    # Granted site-wide: a reader of every group's address list, as a
    # member of each; nothing else (test_crm_permissions).
    SITE_WIDE_MEMBER:      "Y            N     N",
    "editor":              "N            N     N",
    "secretariat":         "Y            Y     Y",
    "siteadmin":           "Y            Y     Y",
}
# fmt: on


def allowed(login, action):
    return POLICY[login].split()[ACTIONS.index(action)] == "Y"


class TestDirectoryPermissions(DirectoryTestCase):
    def setUp(self):
        super().setUp()
        make_site_wide_member()
        with api.env.adopt_roles(["Manager"]):
            self.luc.notes = "Prefers phone calls."
        transaction.commit()

    def test_address_list_page(self):
        for login in POLICY:
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(f"{self.wg.absolute_url()}/@@address-list")
                if allowed(login, "address_list"):
                    assert_page(self, browser, "Luc Martin", "Export as vCard")
                else:
                    assert_refused_page(self, browser, login)
                browser.open(f"{self.wg.absolute_url()}/@@address-list-export")
                if allowed(login, "address_list"):
                    self.assertIn("luc.martin@example.org", browser.contents)
                else:
                    assert_refused_page(self, browser, login)

    def test_address_list_rest(self):
        for login in POLICY:
            with self.subTest(login=login):
                response = self.rest(login).get(
                    f"{self.wg.absolute_url()}/@address-list"
                )
                if allowed(login, "address_list"):
                    self.assertEqual(response.status_code, 200, response.text)
                    self.assertEqual(response.json()["items_total"], 3)
                else:
                    self.assertIn(response.status_code, (401, 403), response.text)
                    self.assertNotIn("luc.martin", response.text)
                for export in ("csv", "xlsx", "vcard"):
                    response = self.rest(login).get(
                        f"{self.wg.absolute_url()}/@address-list",
                        params={"format": export},
                    )
                    if allowed(login, "address_list"):
                        self.assertEqual(response.status_code, 200, export)
                        self.assertGreater(len(response.content), 100, export)
                    else:
                        self.assertIn(response.status_code, (401, 403), export)
                        self.assertNotIn(b"luc.martin", response.content)

    def test_notes_and_edit_rest(self):
        for login in POLICY:
            with self.subTest(login=login):
                session = self.rest(login)
                response = session.get(self.luc.absolute_url())
                if allowed(login, "notes"):
                    self.assertEqual(response.json()["notes"], "Prefers phone calls.")
                else:
                    self.assertNotIn("Prefers phone", response.text)
                response = session.patch(
                    self.luc.absolute_url(), json={"organisation": f"Org {login}"}
                )
                transaction.begin()
                if allowed(login, "edit"):
                    self.assertEqual(response.status_code, 204, response.text)
                    self.assertEqual(self.luc.organisation, f"Org {login}")
                else:
                    self.assertIn(response.status_code, (401, 403), response.text)
                    self.assertNotEqual(self.luc.organisation, f"Org {login}")

    def test_notes_and_edit_page(self):
        for login in POLICY:
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(self.luc.absolute_url())
                if allowed(login, "notes"):
                    assert_page(self, browser, "Prefers phone calls.")
                else:
                    assert_refused_page(self, browser, login)
                browser.open(f"{self.luc.absolute_url()}/@@edit")
                if allowed(login, "edit"):
                    assert_page(self, browser, "form.widgets.notes")
                else:
                    assert_refused_page(self, browser, login)

    def test_notes_hidden_without_their_permission(self):
        """Contact editors without "Manage contact notes" (here the
        secretariat, after the site administrator took it away) see and
        change everything else, never the notes."""
        self.directory.manage_permission(
            "collab.portal: Manage contact notes",
            roles=["Manager", "Site Administrator"],
            acquire=False,
        )
        transaction.commit()
        browser = self.browser("secretariat")
        browser.open(self.luc.absolute_url())
        page = assert_page(self, browser, "Luc Martin", "luc.martin@example.org")
        self.assertNotIn("Prefers phone", page)
        session = self.rest("secretariat")
        data = session.get(self.luc.absolute_url()).json()
        self.assertEqual(data["email"], "luc.martin@example.org")
        self.assertNotIn("notes", data)
        response = session.patch(
            self.luc.absolute_url(), json={"notes": "overwritten", "organisation": "X"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(self.luc.notes, "Prefers phone calls.")
        self.assertEqual(self.luc.organisation, "X")
        response = session.get(
            f"{self.wg.absolute_url()}/@address-list", params={"format": "csv"}
        )
        self.assertIn("luc.martin@example.org", response.text)
        self.assertNotIn("Prefers phone", response.text)
        # Last: opening the edit form locks the contact.
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        page = assert_page(self, browser, "form.widgets.organisation")
        self.assertNotIn("form.widgets.notes", page)
