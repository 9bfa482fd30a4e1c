"""The forum page: what each reader sees, the print view, private and
archived forums, editors adding forums and times in the reader's zone."""

from forum.helpers import ForumTestCase
from forum.helpers import make_forum
from plone import api
from portal_helpers import add_comment
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import rest_session
from zoneinfo import ZoneInfo
import transaction


class TestForumPage(ForumTestCase):
    def test_page_for_anonymous(self):
        browser = self.browser()
        browser.open(self.forum_url)
        html = browser.contents
        self.assertIn("Review the Action Plan.", html)
        self.assertIn("A revised Action Plan.", html)
        self.assertIn("Go to the top of the page", html)
        self.assertIn('href="#forum-top"', html)
        self.assertIn("@@forum-print", html)
        self.assertIn("Sign up for an account to take part.", html)
        self.assertNotIn("Not announced yet", html)
        # Schedule in date order, status from workflow and window.
        schedule = html.split('id="forum-schedule"')[1]
        order = [
            schedule.index(t)
            for t in (
                "Findings of the evaluation",
                "Monitoring and evaluation",
                "Coordination mechanism",
            )
        ]
        self.assertEqual(order, sorted(order))
        self.assertIn("Runs two weeks because of the holidays.", schedule)
        self.assertIn("UTC", schedule)

    def test_member_sees_no_sign_up(self):
        browser = self.browser("member")
        browser.open(self.forum_url)
        assert_page(self, browser, "Review the Action Plan.", 'id="forum-schedule"')
        self.assertNotIn("Sign up for an account", browser.contents)

    def test_draft_group_visible_to_editor(self):
        browser = self.browser("editor")
        browser.open(self.forum_url)
        self.assertIn("Not announced yet", browser.contents)

    def test_translated_page(self):
        # Pages speak the language of their language root.
        with api.env.adopt_roles(["Manager"]):
            forum = make_forum(self.portal["es"])
        transaction.commit()
        browser = self.browser(language="es")
        browser.open(forum.absolute_url())
        self.assertIn("Calendario del foro", browser.contents)
        self.assertIn("Volver al principio de la página", browser.contents)
        # Dates as Spanish writes them, still in UTC.
        self.assertRegex(browser.contents, r"\d{1,2} de [a-z]+ de \d{4}, \d\d:\d\d UTC")

    def test_print_view(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/@@forum-print")
        self.assertIn("What should change?", browser.contents)
        self.assertIn("Include the comments", browser.contents)
        self.assertNotIn("main-container", browser.contents)

    def test_group_page(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn('id="question-2"', browser.contents)
        self.assertIn("Only registered members may post.", browser.contents)
        browser.open(f"{self.forum_url}/coordination")
        self.assertIn("not open for comments yet", browser.contents)

    def test_private_forum_hidden(self):
        """A forum taken back to private hides its groups as well: page,
        REST, search; and nobody but editors may comment there."""
        add_comment(self.forum["monitoring"], "member", "Said in public.")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        for login in (None, "member"):
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(self.forum_url)
                assert_refused_page(self, browser, login)
                self.assertNotIn("Review the Action Plan.", browser.contents)
                browser.open(f"{self.forum_url}/monitoring")
                assert_refused_page(self, browser, login)
                self.assertNotIn("Monitoring and evaluation", browser.contents)
                self.assertNotIn("Said in public.", browser.contents)
                session = rest_session(self.portal.absolute_url(), login)
                for path in ("", "/@schedule", "/monitoring", "/monitoring/@comments"):
                    response = session.get(f"{self.forum_url}{path}")
                    self.assertEqual(response.status_code, 401, path)
                found = session.get(
                    f"{self.portal.absolute_url()}/@search",
                    params={
                        "SearchableText": "Monitoring",
                        "path": "/".join(self.forum.getPhysicalPath()),
                    },
                ).json()
                self.assertEqual(found["items_total"], 0, found["items"])
        response = rest_session(self.portal.absolute_url(), "member").post(
            f"{self.forum_url}/monitoring/@comments", json={"text": "Sneaked in."}
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(len(self.comments("monitoring")), 1)
        editor = rest_session(self.portal.absolute_url(), "editor")
        response = editor.get(f"{self.forum_url}/monitoring/@comments")
        self.assertEqual(response.json()["items_total"], 1)
        # Published again, the groups are public again.
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="published")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("Said in public.", browser.contents)

    def test_archived_forum_takes_no_comments(self):
        """Archiving a forum closes the record, whatever its groups' windows."""
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="archived")
        transaction.commit()
        session = rest_session(self.portal.absolute_url())
        rows = session.get(f"{self.forum_url}/@schedule").json()["items"]
        self.assertEqual({row["status"] for row in rows}, {"closed"})
        response = rest_session(self.portal.absolute_url(), "member").post(
            f"{self.forum_url}/monitoring/@comments", json={"text": "Too late."}
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("not open for comments", response.json()["message"])
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.assertNotIn("form.buttons.comment", browser.contents)
        self.assertEqual(self.comments("monitoring"), [])


class TestEditorsAddForums(ForumTestCase):
    def test_rest(self):
        session = rest_session(self.portal.absolute_url(), "editor")
        response = session.post(
            f"{self.portal.absolute_url()}/en",
            json={
                "@type": "Forum",
                "id": "new-forum",
                "title": "New forum",
                "opens": "2030-01-01T09:00:00+00:00",
                "closes": "2030-02-01T09:00:00+00:00",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        response = session.post(
            f"{self.portal.absolute_url()}/en/new-forum",
            json={
                "@type": "DiscussionGroup",
                "id": "new-group",
                "title": "New group",
                "opens": "2030-01-02T09:00:00+00:00",
                "closes": "2030-01-09T09:00:00+00:00",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        # Only what they were given: no plain pages.
        response = session.post(
            f"{self.portal.absolute_url()}/en",
            json={"@type": "Document", "id": "page", "title": "Page"},
        )
        self.assertIn(response.status_code, (401, 403))
        for login in ("member", None):
            response = rest_session(self.portal.absolute_url(), login).post(
                f"{self.portal.absolute_url()}/en",
                json={"@type": "Forum", "id": "no", "title": "No"},
            )
            self.assertEqual(response.status_code, 401, login)
        transaction.begin()
        self.assertNotIn("no", self.portal["en"].objectIds())

    def test_add_form(self):
        browser = self.browser("editor")
        browser.open(f"{self.portal.absolute_url()}/en/++add++Forum")
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn('name="form.widgets.opens"', browser.contents)
        self.assertIn('name="form.buttons.save"', browser.contents)
        browser.open(f"{self.forum_url}/++add++DiscussionGroup")
        self.assertIn("form.widgets.guiding_questions", browser.contents)
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/en/++add++Forum")
        assert_refused_page(self, browser, "member")
        self.assertNotIn('name="form.widgets.opens"', browser.contents)


class TestTimesInTheReadersZone(ForumTestCase):
    def test_member_with_a_time_zone(self):
        member = api.user.get(username="member")
        member.setMemberProperties({"timezone": "America/Mexico_City"})
        transaction.commit()
        group = self.forum["monitoring"]
        opens = group.opens.astimezone(ZoneInfo("America/Mexico_City"))
        for page in (self.forum_url, group.absolute_url()):
            with self.subTest(page=page):
                browser = self.browser("member", "es")
                browser.open(page)
                self.assertIn(f"Su hora: {opens:%Y-%m-%d %H:%M}", browser.contents)
                self.assertIn("(America/Mexico_City)", browser.contents)
                self.assertIn("UTC", browser.contents)

    def test_other_readers_get_it_from_their_browser(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn('class="d-block text-muted collab-local-time"', browser.contents)
        self.assertIn(
            f'data-opens="{self.forum["monitoring"].opens.isoformat()}"',
            browser.contents,
        )
        self.assertIn('data-label="Your time:"', browser.contents)
        self.assertIn("++plone++collab.portal/local-times.js", browser.contents)
        browser.open(
            f"{self.portal.absolute_url()}/++plone++collab.portal/local-times.js"
        )
        self.assertIn(b"resolvedOptions().timeZone", browser.contents)
