"""Every form of the add-on, sent what an attacker sends: no 500 and
nothing stored."""

from bad_input.probe import FORM_CONTROL
from bad_input.probe import ProbeTestCase
from plone import api
from plone.protect.authenticator import createToken
from urllib.parse import urlencode
import transaction


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
