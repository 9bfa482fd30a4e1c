"""The forum's schedule over REST, the comment window, the clock that moves
groups through it and the guiding question a comment answers."""

from collab.portal.clock import tick
from datetime import datetime
from datetime import UTC
from forum.helpers import days
from forum.helpers import ForumTestCase
from plone import api
from portal_helpers import assert_page
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestScheduleREST(ForumTestCase):
    def test_rows(self):
        session = rest_session(self.portal.absolute_url())
        response = session.get(url(session, "en/capacity-forum/@schedule"))
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["items"]
        self.assertEqual(
            [(i["title"], i["status"]) for i in items],
            [
                ("Findings of the evaluation", "closed"),
                ("Monitoring and evaluation", "open"),
                ("Coordination mechanism", "upcoming"),
            ],
        )
        first = items[1]
        self.assertEqual(first["group"], f"{self.forum_url}/monitoring")
        self.assertTrue(first["opens"].endswith("Z"))
        self.assertEqual(first["remarks"], "Runs two weeks because of the holidays.")

    def test_editor_sees_draft_group(self):
        session = rest_session(self.portal.absolute_url(), "editor")
        items = session.get(url(session, "en/capacity-forum/@schedule")).json()
        self.assertEqual(len(items["items"]), 4)

    def test_private_forum_401(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        session = rest_session(self.portal.absolute_url())
        response = session.get(url(session, "en/capacity-forum/@schedule"))
        self.assertEqual(response.status_code, 401)


class TestCommentWindow(ForumTestCase):
    def post(self, gid, login="member", text="A considered view.", language="en"):
        session = rest_session(self.portal.absolute_url(), login, language)
        return session.post(
            url(session, f"en/capacity-forum/{gid}/@comments"), json={"text": text}
        )

    def test_member_posts_in_open_group(self):
        response = self.post("monitoring")
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(
            [c.text for c in self.comments("monitoring")], ["A considered view."]
        )

    def test_refused_when_not_open(self):
        for gid in ("findings", "coordination"):
            response = self.post(gid)
            self.assertIn(response.status_code, (401, 403), gid)
            self.assertEqual(self.comments(gid), [], gid)

    def test_anonymous_refused(self):
        response = self.post("monitoring", login=None)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.comments("monitoring"), [])

    def test_window_over_but_clock_late(self):
        # The workflow still says open, the window has closed: refused.
        group = self.forum["monitoring"]
        group.closes = days(-1)
        transaction.commit()
        response = self.post("monitoring")
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn(
            "This discussion group is not open for comments.",
            response.json()["message"],
        )
        self.assertEqual(self.comments("monitoring"), [])
        # Nor does the page offer a form the window would refuse.
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        assert_page(self, browser, "Monitoring and evaluation")
        self.assertNotIn('id="commenting"', browser.contents)

    def test_page_form_posts(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        browser.getControl(name="form.widgets.text").value = "Posted from the page."
        browser.getControl(name="form.buttons.comment").click()
        self.assertEqual(
            [c.text for c in self.comments("monitoring")], ["Posted from the page."]
        )

    def test_page_has_no_form_when_closed(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/findings")
        assert_page(
            self,
            browser,
            "Findings of the evaluation",
            "This discussion group is closed; its comments stay readable.",
        )
        self.assertNotIn("form.widgets.text", browser.contents)


class TestClock(ForumTestCase):
    def test_tick_opens_and_closes(self):
        with api.env.adopt_roles(["Manager"]):
            self.forum["coordination"].opens = days(-1)
            self.forum["monitoring"].closes = days(-1)
            changes = tick()
        moved = {c["group"].rsplit("/", 1)[-1]: c["to"] for c in changes}
        self.assertEqual(moved, {"coordination": "open", "monitoring": "closed"})
        self.assertEqual(api.content.get_state(self.forum["draft-group"]), "draft")
        self.assertEqual(tick(), [])

    def test_rest_clock_needs_permission(self):
        self.forum["coordination"].opens = days(-1)
        transaction.commit()
        for login in (None, "member", "editor"):
            session = rest_session(self.portal.absolute_url(), login)
            response = session.post(url(session, "@forum-clock"))
            self.assertEqual(response.status_code, 401, login)
        session = rest_session(self.portal.absolute_url(), "siteadmin")
        response = session.post(url(session, "@forum-clock"))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["changes"]), 1)
        transaction.begin()
        self.assertEqual(api.content.get_state(self.forum["coordination"]), "open")

    def test_closing_by_hand_moves_the_window(self):
        group = self.forum["monitoring"]
        with api.env.adopt_roles(["Editor"]):
            api.content.transition(group, transition="close")
        self.assertLessEqual(group.closes, datetime.now(UTC))

    def test_opening_early_by_hand_moves_the_window(self):
        group = self.forum["coordination"]
        with api.env.adopt_roles(["Editor"]):
            api.content.transition(group, transition="open")
        self.assertLessEqual(group.opens, datetime.now(UTC))


class TestGuidingQuestion(ForumTestCase):
    def post(self, data, login="member"):
        session = rest_session(self.portal.absolute_url(), login)
        return session.post(
            url(session, "en/capacity-forum/monitoring/@comments"), json=data
        )

    def test_rest_names_the_question(self):
        response = self.post({"text": "On change.", "guiding_question": 2})
        self.assertEqual(response.status_code, 204, response.text)
        (comment,) = self.comments("monitoring")
        self.assertEqual(comment.guiding_question, 2)

    def test_rest_without_question(self):
        self.assertEqual(self.post({"text": "General."}).status_code, 204)
        (comment,) = self.comments("monitoring")
        self.assertIsNone(comment.guiding_question)

    def test_rest_unknown_question_refused(self):
        for bad in (7, 0, "abc", [1]):
            response = self.post({"text": "Lost.", "guiding_question": bad})
            self.assertEqual(response.status_code, 400, (bad, response.text))
            self.assertIn("message", response.json())
        self.assertEqual(self.comments("monitoring"), [])

    def test_page_form_offers_questions(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        control = browser.getControl(name="form.widgets.guiding_question:list")
        self.assertIn("2. What should change?", control.displayOptions)
        control.displayValue = ["2. What should change?"]
        browser.getControl(name="form.widgets.text").value = "Page answer."
        browser.getControl(name="form.buttons.comment").click()
        (comment,) = self.comments("monitoring")
        self.assertEqual(comment.guiding_question, 2)
