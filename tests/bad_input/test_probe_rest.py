"""Every REST endpoint and form of the add-on, sent what an attacker sends.

The endpoints come from the ZCML (services/**/configure.zcml,
following/configure.zcml, browser/configure.zcml). Each gets deeply nested
JSON, wrong types, control characters and dates at the edges of the
calendar. Endpoints that read a body answer a 4xx with a JSON message and
store nothing; those that read none (GET, DELETE, the clock) must not fail
either. A 500 anywhere fails."""

from bad_input.probe import CONTROL
from bad_input.probe import EDGE_DATES
from bad_input.probe import NESTED
from bad_input.probe import NESTED_OBJECT
from bad_input.probe import ProbeTestCase
from bad_input.probe import WRONG_TYPES
import transaction


class TestRESTProbe(ProbeTestCase):
    def body_endpoints(self):
        """(login, method, url) of every service that reads a JSON body."""
        group, site = self.group_url, self.site_url
        return (
            ("member", "POST", f"{group}/@comments"),
            ("member", "POST", f"{group}/@comments/{self.comment_id}"),
            ("member", "PATCH", f"{group}/@comments/{self.comment_id}"),
            ("member2", "POST", f"{group}/@flag-comment"),
            ("editor", "POST", f"{group}/@moderate-comment"),
            ("member", "POST", f"{group}/@follow"),
            ("member", "POST", f"{self.forum_url}/@follow"),
            ("member", "PATCH", f"{site}/@users/member"),
            (None, "POST", f"{site}/@users"),
            ("siteadmin", "PATCH", self.forum_url),
            ("siteadmin", "PATCH", group),
        )

    def test_nested_and_malformed_json(self):
        before = self.snapshot()
        for login, method, url in self.body_endpoints():
            session = self.session(login)
            for data in (NESTED, NESTED_OBJECT, "{bad", "[1]", "null", '"x"'):
                with self.subTest(url=url, method=method, data=data[:10]):
                    response = self.post_raw(session, method, url, data)
                    if url in (self.forum_url, self.group_url) and data == "null":
                        # plone.restapi's content PATCH reads null as {}.
                        self.assert_no_500(response)
                        continue
                    self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)

    def test_wrong_types(self):
        before = self.snapshot()
        group = self.group_url
        cases = []
        for value in WRONG_TYPES:
            cases += [
                ("member", "POST", f"{group}/@comments", {"text": value}),
                (
                    "member",
                    "PATCH",
                    f"{group}/@comments/{self.comment_id}",
                    {"text": value},
                ),
                ("member2", "POST", f"{group}/@flag-comment", {"comment_id": value}),
                (
                    "editor",
                    "POST",
                    f"{group}/@moderate-comment",
                    {"comment_id": value, "transition": "reject"},
                ),
                ("editor", "POST", f"{group}/@moderate-comment", {"transition": value}),
                ("member", "POST", f"{group}/@follow", {"mode": value}),
            ]
            if value not in (None, ""):
                cases += [
                    (
                        "member",
                        "PATCH",
                        f"{self.site_url}/@users/member",
                        {"organisation": value},
                    ),
                    (
                        "member",
                        "PATCH",
                        f"{self.site_url}/@users/member",
                        {"fullname": value},
                    ),
                    (
                        "member",
                        "PATCH",
                        f"{self.site_url}/@users/member",
                        {"home_page": value},
                    ),
                ]
            if value not in (None, "", 0, [], {}):
                cases.append(
                    (
                        "member",
                        "POST",
                        f"{group}/@comments",
                        {"text": "R.", "in_reply_to": value},
                    )
                )
        for login, method, url, body in cases:
            with self.subTest(url=url, body=body):
                response = self.session(login).request(method, url, json=body)
                self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)

    def test_control_characters(self):
        """Refused where an id or a one-line field is expected; dropped from
        comment text, which is taken."""
        before = self.snapshot()
        group = self.group_url
        for login, method, url, body in (
            ("member2", "POST", f"{group}/@flag-comment", {"comment_id": CONTROL}),
            (
                "editor",
                "POST",
                f"{group}/@moderate-comment",
                {"comment_id": CONTROL, "transition": "reject"},
            ),
            (
                "editor",
                "POST",
                f"{group}/@moderate-comment",
                {"comment_id": str(self.comment_id), "transition": CONTROL},
            ),
            ("member", "POST", f"{group}/@follow", {"mode": CONTROL}),
            (
                "member",
                "POST",
                f"{group}/@comments",
                {"text": "R.", "in_reply_to": CONTROL},
            ),
            (
                "member",
                "POST",
                f"{group}/@comments",
                {"text": "Q.", "guiding_question": CONTROL},
            ),
            (
                "member",
                "PATCH",
                f"{self.site_url}/@users/member",
                {"organisation": CONTROL},
            ),
            (
                "member",
                "PATCH",
                f"{self.site_url}/@users/member",
                {"fullname": CONTROL},
            ),
            (
                "member",
                "PATCH",
                f"{self.site_url}/@users/member",
                {"location": CONTROL},
            ),
            (
                None,
                "POST",
                f"{self.site_url}/@users",
                {
                    "username": "probe",
                    "email": "p@example.org",
                    "password": "Probe-Pass-2026",
                    "fullname": CONTROL,
                },
            ),
        ):
            with self.subTest(url=url, body=body):
                response = self.session(login).request(method, url, json=body)
                self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)
        response = self.session("member").post(
            f"{group}/@comments", json={"text": CONTROL}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertIn(
            (None, "badtext"),
            [(None, text) for _id, text in self.snapshot()["comments"]],
        )

    def test_calendar_edge_dates(self):
        before = self.snapshot()
        for obj in (self.forum, self.group):
            for field in ("opens", "closes"):
                for value in EDGE_DATES:
                    with self.subTest(obj=obj.portal_type, field=field, value=value):
                        response = self.session("siteadmin").patch(
                            obj.absolute_url(), json={field: value}
                        )
                        self.assert_refused(response)
        for container, portal_type in (
            (self.forum, "DiscussionGroup"),
            (self.portal["en"], "Forum"),
        ):
            for value in EDGE_DATES[:2]:
                with self.subTest(add=portal_type, value=value):
                    body = {
                        "@type": portal_type,
                        "title": "Edge",
                        "opens": "2030-01-01T00:00:00+00:00",
                        "closes": value,
                    }
                    response = self.session("siteadmin").post(
                        container.absolute_url(), json=body
                    )
                    self.assert_refused(response)
        self.assertEqual(self.snapshot(), before)
        transaction.begin()
        self.assertNotIn("edge", self.portal["en"].objectIds())

    def test_endpoints_without_body(self):
        """GET and DELETE services, and the clock, ignore what they are sent:
        no 500, and the wrong query is harmless."""
        group, forum = self.group_url, self.forum_url
        for login, method, url in (
            ("member", "GET", f"{group}/@follow"),
            ("member", "GET", f"{forum}/@follow"),
            ("editor", "GET", f"{group}/@participation"),
            ("editor", "GET", f"{forum}/@participation"),
            (None, "GET", f"{forum}/@schedule"),
            ("member", "GET", f"{group}/@comments"),
            ("member", "DELETE", f"{group}/@follow"),
            ("manager", "POST", f"{self.site_url}/@forum-clock"),
        ):
            for data in (NESTED, "{bad"):
                with self.subTest(url=url, method=method, data=data[:5]):
                    response = self.post_raw(self.session(login), method, url, data)
                    self.assert_no_500(response)
                    if response.status_code != 204:
                        self.assertIsInstance(response.json(), dict)
            with self.subTest(url=url, query="wrong"):
                response = self.session(login).request(
                    method,
                    url,
                    params={"b_start": "x", "order": ["a", "b"], "format": "\x00"},
                )
                self.assert_no_500(response)
