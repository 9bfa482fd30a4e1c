"""The CRM's permission table: every role × the directory, contact, group
and mailing pages and REST, the secretariat's pages (member roles,
personal links, import) and acting endpoints (``@import-contacts``,
``@tokens``, ``@contact-changes``, ``@delivery``), a mailing's
attachment, asserting the answer
and what is stored. The address lists, ``@send`` and ``@resend-failed``
are in test_directory_permissions and test_mailing_permissions, with the
same roles.

ContactGroupMember is meant for a group's own members, given locally on
their group to its linked Plone group. Granted site-wide (Users and
Groups offers it) it makes its holder a reader of every contact group
and its address list, as a member of each, and nothing more: no
directory, contact, mailing or delivery log (issue 23 item 9).
"""

from collab.portal import tokens
from collab.portal.contacts.update_links import PURPOSE
from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from contacts.helpers import make_site_wide_member
from contacts.helpers import SITE_WIDE_MEMBER
from contacts.import_helpers import csv_bytes
from contacts.import_helpers import file_field
from contacts.import_helpers import GOOD_ROWS
from contacts.mailing_helpers import make_mailing
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import transaction


# fmt: off
ACTIONS = ("directory", "contact", "group", "mailing", "secretariat")
POLICY = {
    #                    directory contact group mailing secretariat
    None:               "N         N       N     N       N",
    "member":           "N         N       N     N       N",
    GROUP_MEMBER:       "N         N       Y     N       N",
    SITE_WIDE_MEMBER:   "N         N       Y     N       N",
    "editor":           "N         N       N     N       N",
    "secretariat":      "Y         Y       Y     Y       Y",
    "siteadmin":        "Y         Y       Y     Y       Y",
    "manager":          "Y         Y       Y     Y       Y",
}
# fmt: on


def allowed(login, action):
    return POLICY[login].split()[ACTIONS.index(action)] == "Y"


def refused(test, response):
    test.assertIn(response.status_code, (401, 403), response.text)


class TestCrmPermissions(DirectoryTestCase):
    def setUp(self):
        super().setUp()
        make_site_wide_member()
        self.mailing = make_mailing(self.directory, [self.wg], id="mailing")
        transaction.commit()

    def urls(self):
        return {
            "directory": self.directory.absolute_url(),
            "contact": self.luc.absolute_url(),
            "group": self.wg.absolute_url(),
            "mailing": self.mailing.absolute_url(),
        }

    def test_pages(self):
        shown = {
            "directory": "portaltype-contactdirectory",
            "contact": "luc.martin@example.org",
            "group": "Working group on data",
            "mailing": "Meeting for {given_name}",
        }
        for login in POLICY:
            for action, url in self.urls().items():
                with self.subTest(login=login, action=action):
                    browser = self.browser(login)
                    browser.open(url)
                    if allowed(login, action):
                        assert_page(self, browser, shown[action])
                    else:
                        assert_refused_page(self, browser, login)
                        self.assertNotIn("luc.martin@example.org", browser.contents)

    def test_rest(self):
        for login in POLICY:
            session = self.rest(login)
            for action, url in self.urls().items():
                with self.subTest(login=login, action=action):
                    response = session.get(url)
                    if allowed(login, action):
                        self.assertEqual(response.status_code, 200, response.text)
                    else:
                        self.assertIn(response.status_code, (401, 403, 404))
                        self.assertNotIn("luc.martin", response.text)
            with self.subTest(login=login, action="attachment"):
                response = session.get(f"{self.mailing.absolute_url()}/agenda.txt")
                if allowed(login, "mailing"):
                    self.assertEqual(response.status_code, 200, response.text)
                else:
                    self.assertIn(response.status_code, (401, 403, 404))
                    self.assertNotIn("1. Opening", response.text)
            with self.subTest(login=login, action="@delivery"):
                response = session.get(f"{self.mailing.absolute_url()}/@delivery")
                if allowed(login, "mailing"):
                    self.assertEqual(response.status_code, 200, response.text)
                else:
                    refused(self, response)

    def test_secretariat_pages(self):
        pages = (
            (f"{self.wg.absolute_url()}/@@member-roles", "Chair"),
            (f"{self.luc.absolute_url()}/@@personal-links", "Luc Martin"),
            (f"{self.directory.absolute_url()}/@@import-contacts", 'type="file"'),
        )
        for login in POLICY:
            for url, shown in pages:
                with self.subTest(login=login, url=url):
                    browser = self.browser(login)
                    browser.open(url)
                    if allowed(login, "secretariat"):
                        assert_page(self, browser, shown)
                    else:
                        assert_refused_page(self, browser, login)

    def test_acting_endpoints(self):
        """What each endpoint would store: refused, nothing is."""
        luc = self.luc.absolute_url()
        for login in POLICY:
            session = self.rest(login)
            with self.subTest(login=login, endpoint="@import-contacts"):
                response = session.post(
                    f"{self.directory.absolute_url()}/@import-contacts",
                    json={
                        "file": file_field(csv_bytes(GOOD_ROWS[:1])),
                        "dry_run": False,
                    },
                )
                transaction.begin()
                created = "emile.dubois@example.org" in [
                    contact.email
                    for contact in self.directory.objectValues()
                    if contact.portal_type == "Contact"
                ]
                if allowed(login, "secretariat"):
                    self.assertEqual(response.status_code, 200, response.text)
                    self.assertTrue(created)
                    self.directory.manage_delObjects(
                        [
                            c.getId()
                            for c in self.directory.objectValues()
                            if getattr(c, "email", None) == "emile.dubois@example.org"
                        ]
                    )
                    transaction.commit()
                else:
                    refused(self, response)
                    self.assertFalse(created)
            with self.subTest(login=login, endpoint="@tokens"):
                before = len(tokens.tokens_of(PURPOSE, self.luc.UID()))
                response = session.post(f"{luc}/@tokens", json={})
                listed = session.get(f"{luc}/@tokens")
                transaction.begin()
                after = len(tokens.tokens_of(PURPOSE, self.luc.UID()))
                if allowed(login, "secretariat"):
                    self.assertEqual(response.status_code, 201, response.text)
                    self.assertEqual(listed.status_code, 200, listed.text)
                    self.assertEqual(after, before + 1)
                else:
                    refused(self, response)
                    refused(self, listed)
                    self.assertEqual(after, before)
            with self.subTest(login=login, endpoint="@contact-changes"):
                response = session.post(
                    f"{luc}/@contact-changes", json={"reviewed": True}
                )
                listed = session.get(f"{luc}/@contact-changes")
                if allowed(login, "secretariat"):
                    self.assertEqual(response.status_code, 200, response.text)
                    self.assertEqual(listed.status_code, 200, listed.text)
                else:
                    refused(self, response)
                    refused(self, listed)
            with self.subTest(login=login, endpoint="PATCH group"):
                response = session.patch(
                    self.wg.absolute_url(), json={"title": f"Renamed by {login}"}
                )
                transaction.begin()
                if allowed(login, "secretariat"):
                    self.assertEqual(response.status_code, 204, response.text)
                    self.assertEqual(self.wg.title, f"Renamed by {login}")
                else:
                    refused(self, response)
                    self.assertNotEqual(self.wg.title, f"Renamed by {login}")
