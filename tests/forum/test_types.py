"""Forum and DiscussionGroup: creation, schema rules, workflows."""

from collab.portal.clock import as_utc
from collab.portal.content.window import IWindow
from collab.portal.content.window import window_status
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.interface import Invalid
import unittest


def window(days_from_now_open, days_from_now_close):
    now = datetime.now(UTC)
    return {
        "opens": now + timedelta(days=days_from_now_open),
        "closes": now + timedelta(days=days_from_now_close),
    }


class TestForumTypes(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.forum = api.content.create(
            container=self.portal["en"],
            type="Forum",
            title="Strategic approaches to capacity-building",
            **window(-1, 30),
        )
        self.group = api.content.create(
            container=self.forum,
            type="DiscussionGroup",
            title="Findings of the independent evaluation",
            guiding_questions=["What worked?", "What should change?"],
            **window(-1, 7),
        )

    def test_initial_states(self):
        self.assertEqual(api.content.get_state(self.forum), "private")
        self.assertEqual(api.content.get_state(self.group), "draft")

    def test_group_only_in_forum(self):
        with self.assertRaises(InvalidParameterError):
            api.content.create(
                container=self.portal["en"], type="DiscussionGroup", title="Stray"
            )

    def test_forum_workflow(self):
        api.content.transition(self.forum, to_state="published")
        api.content.transition(self.forum, to_state="archived")
        self.assertEqual(api.content.get_state(self.forum), "archived")

    def test_reply_permission_only_when_open(self):
        member = api.user.create(
            email="m@example.org", username="member", password="secret-123"
        )
        expected = {"draft": False, "scheduled": False, "open": True, "closed": False}
        for state, allowed in expected.items():
            if api.content.get_state(self.group) != state:
                api.content.transition(self.group, to_state=state)
            self.assertEqual(
                api.user.has_permission("Reply to item", user=member, obj=self.group),
                allowed,
                state,
            )

    def test_closing_before_opening_is_invalid(self):
        class Data:
            opens = datetime(2012, 3, 2, tzinfo=UTC)
            closes = datetime(2012, 2, 20, tzinfo=UTC)

        with self.assertRaises(Invalid):
            IWindow.validateInvariants(Data())

    def test_window_status(self):
        self.assertEqual(window_status(self.group), "open")
        at = as_utc(self.group.closes) + timedelta(seconds=1)
        self.assertEqual(window_status(self.group, at), "closed")
        at = as_utc(self.group.opens) - timedelta(seconds=1)
        self.assertEqual(window_status(self.group, at), "upcoming")

    def test_question_numbers(self):
        self.assertEqual(self.group.question(2), "What should change?")
        self.assertIsNone(self.group.question(3))
        self.assertIsNone(self.group.question(0))
        self.assertIsNone(self.group.question("1"))
