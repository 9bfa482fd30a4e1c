"""Every Classic page and form of the CRM (address list and its exports,
member roles, the import, personal links, the self-update page, the
mailing page, the contact and group add and edit forms), sent what an
attacker or a careless user sends: doubled fields, wrong values, control
characters. No 5xx, and nothing stored."""

from bad_input.crm_probe import CRMProbeTestCase
from bad_input.probe import FORM_CONTROL
from portal_helpers import assert_page
from urllib.parse import urlencode


VALUES = ("abc", "-1", "99999999999999999999999", FORM_CONTROL, ["1", "2"], "")


class TestCRMFormProbe(CRMProbeTestCase):
    def test_forms(self):
        before = self.snapshot()
        group, contact = self.wg.absolute_url(), self.ana.absolute_url()
        directory = self.directory.absolute_url()
        uid = self.ana.UID()
        cases = [
            ("secretariat", f"{group}/@@member-roles", {"save": "1", f"role-{uid}": v})
            for v in (FORM_CONTROL, ["1", "2"], "x" * 101)
        ]
        for value in VALUES:
            cases += [
                (
                    "secretariat",
                    f"{group}/@@member-roles",
                    {"save": value, f"role-{uid}": "Chair"},
                ),
                ("secretariat", f"{contact}/@@personal-links", {"revoke": value}),
                (
                    "secretariat",
                    f"{contact}/@@personal-links",
                    {"issue": "", "reviewed": value},
                ),
                (
                    "secretariat",
                    f"{directory}/@@import-contacts",
                    {"apply": "1", "upload": value},
                ),
                (
                    "secretariat",
                    f"{directory}/@@import-contacts",
                    {"preview": "1", "file": value, "duplicates": value},
                ),
                (
                    "secretariat",
                    f"{directory}/@@import-contacts",
                    {"apply": "1", "file_data": [value, "YQ=="]},
                ),
                (
                    "secretariat",
                    f"{directory}/@@import-contacts",
                    {"apply": value, "preview": value},
                ),
                (
                    None,
                    f"{self.site_url}/@@update-details",
                    {"contact": value, "token": value, "save": "1"},
                ),
                (
                    None,
                    f"{self.site_url}/@@update-details",
                    {
                        "contact": self.link_uid,
                        "token": self.link_token,
                        "save": "1",
                        "organisation": "Org\x0b",
                        "phone": value,
                        "position": value,
                        "preferred_language": value,
                        "email": value if value else "x",
                    },
                ),
            ]
        panel = f"{self.site_url}/@@collab-portal-contacts-controlpanel"
        for value in VALUES:
            cases.append(
                (
                    "siteadmin",
                    panel,
                    {
                        "form.widgets.positions": value,
                        "form.widgets.update_link_days": value,
                        "form.buttons.save": "Save",
                    },
                )
            )
        for login, url, data in cases:
            with self.subTest(url=url, data=data):
                browser = self.post_form(url, data, login)
                self.assertLess(self.status(browser), 500, browser.contents[:500])
        self.assertEqual(self.snapshot(), before)

    def test_pages_with_wrong_queries(self):
        group, contact = self.wg.absolute_url(), self.ana.absolute_url()
        mailing = self.mailing.absolute_url()
        for url in (
            f"{group}/@@address-list",
            f"{group}/@@address-list-export",
            f"{group}/@@address-list-mailto",
            f"{group}/@@member-roles",
            f"{contact}/@@personal-links",
            f"{self.directory.absolute_url()}/@@import-contacts",
            mailing,
            f"{self.site_url}/@@update-details",
        ):
            for query in (
                {"b_start": "x", "b_size": "-1", "format": "x"},
                {"b_start": "-5", "sort_on": ["name", "email"], "reverse": ["1", "0"]},
                {
                    "country": ["FR", "PE"],
                    "status": ["a", "b"],
                    "format": ["csv", "xlsx"],
                },
                {"country": FORM_CONTROL, "contact": ["a", "b"], "token": FORM_CONTROL},
            ):
                with self.subTest(url=url, query=query):
                    browser = self.browser("secretariat")
                    # The mailto: link answers a redirect a browser hands
                    # to the mail program.
                    browser.followRedirects = "mailto" not in url
                    browser.open(f"{url}?{urlencode(query, doseq=True)}")
                    self.assertLess(self.status(browser), 500, browser.contents[:500])

    def test_add_and_edit_forms(self):
        """Refused with the form shown again (or a page naming the rule);
        nothing stored."""
        before = self.snapshot()
        directory = self.directory.absolute_url()
        for url, fields in (
            (
                f"{directory}/++add++Contact",
                {
                    "form.widgets.given_name": "Vera",
                    "form.widgets.family_name": f"Vert{FORM_CONTROL}",
                    "form.widgets.email": "vera@example.org",
                },
            ),
            (f"{self.luc.absolute_url()}/@@edit", {"form.widgets.notes": "A\x0bB"}),
            (f"{self.luc.absolute_url()}/@@edit", {"form.widgets.salutation": "D\tr."}),
            (
                f"{self.wg.absolute_url()}/@@edit",
                {"form.widgets.IBasic.title": "W\x0bG"},
            ),
            (
                f"{directory}/++add++ContactGroup",
                {"form.widgets.IBasic.title": "New\u2028group"},
            ),
            (
                f"{self.wg.absolute_url()}/@@edit",
                {"form.widgets.members": f"{self.ana.UID()};{self.mailing.UID()}"},
            ),
        ):
            with self.subTest(url=url, fields=fields):
                browser = self.browser("secretariat")
                browser.open(url)
                for name, value in fields.items():
                    browser.getControl(name=name).value = value
                browser.getControl(name="form.buttons.save").click()
                self.assertIn(self.status(browser), (200, 400), browser.contents[:500])
                assert_page(
                    self,
                    browser,
                    "alert-danger",
                    status=self.status(browser),
                )
        self.assertEqual(self.snapshot(), before)
