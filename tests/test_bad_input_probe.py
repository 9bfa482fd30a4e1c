"""Every REST endpoint and form of the add-on, sent what an attacker sends.

The endpoints come from the ZCML (services/**/configure.zcml,
following/configure.zcml, browser/configure.zcml). Each gets deeply nested
JSON, wrong types, control characters and dates at the edges of the
calendar. Endpoints that read a body answer a 4xx with a JSON message and
store nothing; those that read none (GET, DELETE, the clock) must not fail
either. A 500 anywhere fails.
"""

from collab.portal.comments.flags import flaggers
from collab.portal.following.followers import following
from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from urllib.parse import urlencode
import transaction


NESTED = "[" * 100000 + "]" * 100000
NESTED_OBJECT = '{"a":' * 50000 + "1" + "}" * 50000
WRONG_TYPES = (None, True, 5, 1.5, [], ["1"], {}, {"a": 1}, "")
CONTROL = "bad\x00\x01\x0b\x0c\x1b\ud800text"
FORM_CONTROL = CONTROL.replace("\ud800", "")
EDGE_DATES = (
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59+00:00",
    "1999-12-31T23:59:59+00:00",
    "2101-01-01T00:00:00+00:00",
    "10000-01-01T00:00:00+00:00",
    "abc",
    5,
    [],
)


class ProbeTestCase(ForumTestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        api.user.create(email="m2@example.org", username="member2", password=PASSWORD)
        self.group = self.forum["monitoring"]
        self.comment_id = add_comment(self.group, "member", "Mine.")
        transaction.commit()
        self.group_url = self.group.absolute_url()
        self.site_url = self.portal.absolute_url()

    def session(self, login, language="fr"):
        return rest_session(self.site_url, login, language)

    def assert_no_500(self, response):
        self.assertLess(response.status_code, 500, response.text[:500])

    def assert_refused(self, response):
        """A 4xx with a JSON message."""
        self.assertGreaterEqual(response.status_code, 400, response.text[:500])
        self.assertLess(response.status_code, 500, response.text[:500])
        body = response.json()
        message = body.get("message") or body.get("error", {}).get("message")
        self.assertTrue(message, body)

    def snapshot(self):
        """What any probe might have changed."""
        transaction.begin()
        conversation = IConversation(self.forum["monitoring"])
        member = api.user.get(username="member")
        return {
            "comments": sorted(
                (c.comment_id, c.text) for c in conversation.getComments()
            ),
            "flags": list(flaggers(conversation[self.comment_id])),
            "state": api.content.get_state(conversation[self.comment_id]),
            "following": following(self.forum["monitoring"], "member") is not None,
            "window": (self.forum.opens, self.forum.closes),
            "group_window": (self.group.opens, self.group.closes),
            "fullname": member.getProperty("fullname"),
            "organisation": member.getProperty("organisation"),
            "home_page": member.getProperty("home_page"),
            "users": sorted(u.getId() for u in api.user.get_users()),
            "groups_of_member": sorted(
                g.getId() for g in api.group.get_groups(username="member")
            ),
            "forum_ids": sorted(self.forum.objectIds()),
        }

    def post_raw(self, session, method, url, data):
        return session.request(
            method, url, data=data, headers={"Content-Type": "application/json"}
        )


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


class TestFormProbe(ProbeTestCase):
    """The Classic forms and pages of browser/ and following/."""

    def post(self, url, data, login):
        browser = self.browser(login)
        with api.env.adopt_user(username=login):
            data = dict(data, _authenticator=createToken())
        browser.post(url, urlencode(data, doseq=True))
        return browser

    def status(self, browser):
        return int(browser.headers["status"].split()[0])

    def test_forms(self):
        before = self.snapshot()
        group, forum = self.group_url, self.forum_url
        cases = []
        for value in ("abc", "-1", "99999999999999999999999", FORM_CONTROL, ["1", "2"]):
            cases += [
                (
                    "member2",
                    f"{group}/@@flag-comment",
                    {"comment_id": value, "flag": "1"},
                ),
                ("member", f"{group}/@@follow", {"mode": value}),
                (
                    "member",
                    group,
                    {
                        "form.widgets.text": "R.",
                        "form.widgets.in_reply_to": value,
                        "form.buttons.comment": "x",
                    },
                ),
                (
                    "member",
                    group,
                    {
                        "form.widgets.text": "Q.",
                        "form.widgets.guiding_question": value,
                        "form.buttons.comment": "x",
                    },
                ),
                (None, f"{forum}/@@unfollow", {"user": value, "token": value}),
                ("editor", f"{group}/@@export-comments", {"format": value}),
            ]
        for login, url, data in cases:
            with self.subTest(url=url, data=data):
                browser = (
                    self.post(url, data, login)
                    if login
                    else self.anonymous_post(url, data)
                )
                self.assertLess(self.status(browser), 500, browser.contents[:500])
        self.assertEqual(self.snapshot(), before)

    def anonymous_post(self, url, data):
        browser = self.browser()
        browser.post(url, urlencode(data, doseq=True))
        return browser

    def test_pages_with_wrong_queries(self):
        group, forum = self.group_url, self.forum_url
        for login, url in (
            (None, forum),
            (None, group),
            (None, f"{forum}/@@forum-print"),
            ("editor", f"{forum}/@@participation"),
            ("editor", f"{group}/@@participation"),
            ("member2", f"{group}/@@flag-comment"),
        ):
            for query in (
                {"b_start": "x"},
                {"b_start": "-5", "order": "x"},
                {"comments": "\x00", "comment_id": ["1", "x"]},
            ):
                with self.subTest(url=url, query=query):
                    browser = self.browser(login)
                    browser.open(f"{url}?{urlencode(query, doseq=True)}")
                    self.assertLess(self.status(browser), 500, browser.contents[:500])

    def test_window_forms_with_edge_dates(self):
        """The add and edit forms refuse dates a forum cannot have."""
        before = self.snapshot()
        for url in (
            f"{self.forum_url}/++add++DiscussionGroup",
            f"{self.portal['en'].absolute_url()}/++add++Forum",
            f"{self.group_url}/@@edit",
            f"{self.forum_url}/@@edit",
        ):
            for opens, closes in (
                ("2030-01-01T10:00", "9999-12-31T23:59"),
                ("0001-01-01T00:00", "2030-01-01T10:00"),
                ("1999-12-31T10:00", "2030-01-01T10:00"),
            ):
                with self.subTest(url=url, opens=opens, closes=closes):
                    browser = self.browser("siteadmin", "es")
                    browser.open(url)
                    if "++add++" in url:
                        browser.getControl(
                            name="form.widgets.IDublinCore.title"
                        ).value = "Borde"
                    browser.getControl(name="form.widgets.opens").value = opens
                    browser.getControl(name="form.widgets.closes").value = closes
                    browser.getControl(name="form.buttons.save").click()
                    self.assertEqual(self.status(browser), 200)
                    self.assertIn(
                        "Elija una fecha entre los años 2000 y 2100.",
                        browser.contents,
                    )
        self.assertEqual(self.snapshot(), before)
        transaction.begin()
        self.assertNotIn("borde", self.portal["en"].objectIds())
