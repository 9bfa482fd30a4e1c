"""The comment engine asks a policy, not a feature: ``ICommentPolicy`` on a
discussion group, plone.app.discussion's storage read in one module (the
import rules are import-linter's: tests/setup/test_imports.py), and
per-transaction scratch data that stays out of the stored record."""

from collab.portal.comments.conversation import forget_spurious_write
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.search import host_portal_types
from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from portal_helpers import add_comment
import pathlib
import transaction
import unittest


PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "src" / "collab" / "portal"


class TestLayout(unittest.TestCase):
    def test_discussion_storage_read_in_one_module(self):
        readers = {
            str(path.relative_to(PACKAGE))
            for path in PACKAGE.rglob("*.py")
            if "._comments" in path.read_text("utf-8")
            or "._children" in path.read_text("utf-8")
        }
        self.assertEqual(readers, {"comments/storage.py"})


class GroupFixture:
    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        now = datetime.now(UTC)
        forum = api.content.create(
            container=self.portal["en"],
            type="Forum",
            title="Policy forum",
            opens=now - timedelta(days=1),
            closes=now + timedelta(days=30),
        )
        self.group = api.content.create(
            container=forum,
            type="DiscussionGroup",
            title="Policy group",
            guiding_questions=["What worked?"],
            opens=now - timedelta(hours=1),
            closes=now + timedelta(days=7),
        )


class TestGroupPolicy(GroupFixture, unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_group_is_a_comment_host(self):
        self.assertTrue(ICommentHost.providedBy(self.group))
        self.assertIn("DiscussionGroup", host_portal_types())
        self.assertNotIn("Forum", host_portal_types())

    def test_policy_answers_for_the_group(self):
        policy = ICommentPolicy(self.group)
        self.assertFalse(policy.moderated)
        self.group.moderated = True
        self.assertTrue(policy.moderated)
        # The guiding question is the forum's field of the comment.
        [question] = policy.fields
        self.assertEqual(question.name, "guiding_question")
        self.assertTrue(question.applies(self.group))
        self.assertEqual(question.text(self.group, 1), "1. What worked?")
        self.assertIsNone(question.text(self.group, 2))
        self.assertEqual(policy.conversation_holder(), self.group)

    def test_policy_is_open_follows_state_and_window(self):
        policy = ICommentPolicy(self.group)
        self.assertFalse(policy.is_open())  # draft
        api.content.transition(self.group, transition="schedule")
        api.content.transition(self.group, transition="open")
        self.assertTrue(policy.is_open())
        self.assertFalse(policy.is_open(datetime.now(UTC) + timedelta(days=8)))


class TestScratchData(GroupFixture, unittest.TestCase):
    """Commits, so on the functional layer (a fresh database per test)."""

    layer = FUNCTIONAL_TESTING

    def test_scratch_data_stays_out_of_the_transaction_record(self):
        api.user.create(email="a@example.org", username="author", password="x" * 12)
        cid = add_comment(self.group, "author", "Words.")
        transaction.commit()
        comment = IConversation(self.group)[cid]
        forget_spurious_write(comment, None)
        self.assertNotIn("collab.portal.conversations", transaction.get().extension)
        self.assertEqual(transaction.get().extension, {})
        transaction.abort()
