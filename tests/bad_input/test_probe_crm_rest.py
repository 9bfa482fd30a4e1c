"""Every REST endpoint of the CRM (contacts, groups, address lists,
personal links, the import, mailings), sent what an attacker or a
careless client sends: deeply nested or malformed JSON, wrong types,
control characters, repeated query parameters. Endpoints that read a
body answer a 4xx with a JSON message; none answers a 5xx; nothing is
stored.

Left to the mailings' own tests: a Mailing's ``recipient_groups: [{}]``
and ``send_at`` at the calendar's edge (issue 23, item 12, fixed with
content/mailing.py)."""

from bad_input.crm_probe import CRMProbeTestCase
from bad_input.probe import CONTROL
from bad_input.probe import FORM_CONTROL
from bad_input.probe import NESTED
from bad_input.probe import NESTED_OBJECT
from bad_input.probe import WRONG_TYPES


# Wrong in every field below: what a JSON body can carry that is no text
# or list of texts the field takes.
WRONG = tuple(v for v in WRONG_TYPES if v not in (None, "", []))


class TestCRMRestProbe(CRMProbeTestCase):
    def body_endpoints(self):
        """(login, method, url) of every CRM service that reads a JSON body."""
        directory, contact = self.directory.absolute_url(), self.ana.absolute_url()
        mailing = self.mailing.absolute_url()
        return (
            ("secretariat", "POST", directory),
            ("secretariat", "PATCH", contact),
            ("secretariat", "PATCH", self.wg.absolute_url()),
            ("secretariat", "PATCH", mailing),
            ("secretariat", "POST", f"{directory}/@import-contacts"),
            ("secretariat", "POST", f"{contact}/@tokens"),
            ("secretariat", "POST", f"{contact}/@contact-changes"),
            ("secretariat", "POST", f"{mailing}/@send"),
            (None, "POST", f"{self.site_url}/@update-details"),
            ("siteadmin", "PATCH", self.controlpanel),
        )

    @property
    def controlpanel(self):
        return f"{self.site_url}/@controlpanels/collab-portal-contacts"

    def test_nested_and_malformed_json(self):
        before = self.snapshot()
        for login, method, url in self.body_endpoints():
            session = self.session(login)
            for data in (NESTED, NESTED_OBJECT, "{bad", "[1]", '"x"', "null"):
                with self.subTest(url=url, method=method, data=data[:10]):
                    response = self.post_raw(session, method, url, data)
                    if method == "PATCH" and data == "null":
                        # plone.restapi's content PATCH reads null as {}.
                        self.assert_no_500(response)
                        continue
                    self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)

    def test_wrong_types(self):
        before = self.snapshot()
        contact, group = self.luc.absolute_url(), self.wg.absolute_url()
        directory = self.directory.absolute_url()
        link = {"contact": self.link_uid, "token": self.link_token}
        cases = []
        for value in WRONG:
            cases += [
                ("PATCH", contact, {name: value})
                for name in (
                    "given_name",
                    "organisation",
                    "country",
                    "position",
                    "email",
                    "further_emails",
                    "phone",
                    "preferred_language",
                    "linked_user",
                    "notes",
                )
            ]
            if value not in (True, 5, ["1"]):  # a number of days, a position
                cases += [
                    ("PATCH", self.controlpanel, {"positions": value}),
                    ("PATCH", self.controlpanel, {"update_link_days": value}),
                ]
            cases += [
                ("PATCH", group, {"members": value}),
                ("PATCH", group, {"member_roles": value}),
                ("PATCH", group, {"kind": value}),
                ("POST", f"{directory}/@import-contacts", {"file": value}),
                ("POST", f"{directory}/@import-contacts", {"file": {"data": value}}),
                (
                    "POST",
                    f"{directory}/@import-contacts",
                    {"file": {"data": "YQ==", "filename": "a.csv"}, "dry_run": value},
                ),
                ("POST", f"{contact}/@tokens", {"lifetime_days": value}),
                ("POST", f"{contact}/@contact-changes", {"reviewed": value}),
                ("POST", f"{self.mailing.absolute_url()}/@send", {"test": value}),
                ("POST", f"{self.site_url}/@update-details", {**link, "phone": value}),
                ("POST", f"{self.site_url}/@update-details", {"contact": value}),
            ]
        for method, url, body in cases:
            if body.get("test") is True or body.get("reviewed") is True:
                continue  # valid: a test send, a review
            if body.get("lifetime_days") in (True, 5, 1.5):
                continue  # a number of days (True is 1 to Python)
            if body.get("member_roles") == {}:
                continue  # valid: no roles
            with self.subTest(method=method, url=url, body=body):
                login = "siteadmin" if url == self.controlpanel else "secretariat"
                response = self.session(login).request(method, url, json=body)
                self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)

    def test_control_characters(self):
        before = self.snapshot()
        contact, group = self.luc.absolute_url(), self.wg.absolute_url()
        link = {"contact": self.link_uid, "token": self.link_token}
        for method, url, body in (
            ("PATCH", contact, {"given_name": CONTROL}),
            ("PATCH", contact, {"organisation": "A\x0bB"}),
            ("PATCH", contact, {"notes": CONTROL}),
            ("PATCH", contact, {"further_emails": [CONTROL]}),
            ("PATCH", group, {"title": "Working\x0bgroup"}),
            ("PATCH", group, {"member_roles": {self.ana.UID(): CONTROL}}),
            ("PATCH", group, {"members": [CONTROL]}),
            ("POST", f"{self.site_url}/@update-details", {**link, "phone": CONTROL}),
            (
                "POST",
                f"{self.site_url}/@update-details",
                {**link, "organisation": CONTROL},
            ),
            ("POST", f"{self.site_url}/@update-details", {"contact": CONTROL}),
            (
                "POST",
                self.directory.absolute_url(),
                {
                    "@type": "Contact",
                    "given_name": "Vera",
                    "family_name": CONTROL,
                    "email": "vera@example.org",
                },
            ),
        ):
            with self.subTest(method=method, url=url, body=body):
                response = self.session("secretariat").request(method, url, json=body)
                self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)

    def test_queries(self):
        """GET and DELETE services and the address list's query: no 5xx,
        and a wrong parameter is a 4xx with a message."""
        contact, mailing = self.ana.absolute_url(), self.mailing.absolute_url()
        group = self.wg.absolute_url()
        session = self.session("secretariat")
        for url in (
            f"{group}/@address-list",
            f"{contact}/@tokens",
            f"{contact}/@contact-changes",
            f"{mailing}/@delivery",
            f"{self.site_url}/@update-details",
        ):
            for query in (
                {"b_start": "x", "b_size": "-1"},
                {"format": ["csv", "xlsx"], "sort_on": ["a", "b"]},
                {"country": "\x00", "status": ["a", "b"], "unreviewed": ["1", "2"]},
                # A URL cannot carry a lone surrogate: the other controls.
                {"contact": ["a", "b"], "token": FORM_CONTROL},
            ):
                with self.subTest(url=url, query=query):
                    response = session.get(url, params=query)
                    self.assert_no_500(response)
                    self.assertIsInstance(response.json(), dict)
        for method, url in (
            ("DELETE", f"{contact}/@tokens/{FORM_CONTROL}"),
            ("DELETE", f"{contact}/@tokens/x/y"),
            ("POST", f"{mailing}/@resend-failed"),
        ):
            with self.subTest(method=method, url=url):
                self.assert_no_500(self.post_raw(session, method, url, NESTED))
                self.assert_no_500(session.request(method, url))
