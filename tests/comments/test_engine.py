"""The comment engine asks a policy, not a feature: ``ICommentPolicy`` on a
discussion group, the layout rules that keep ``comments/`` feature-free,
and per-transaction scratch data that stays out of the stored record."""

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
import ast
import pathlib
import transaction
import unittest


PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "src" / "collab" / "portal"


def imports_of(path):
    """The dotted names a module imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


class TestLayout(unittest.TestCase):
    def test_engine_imports_no_feature(self):
        modules = sorted((PACKAGE / "comments").rglob("*.py"))
        self.assertIn(PACKAGE / "comments" / "limits.py", modules)
        for path in modules:
            for name in imports_of(path):
                with self.subTest(module=str(path.relative_to(PACKAGE)), name=name):
                    self.assertFalse(
                        name.startswith(
                            (
                                "collab.portal.forum",
                                "collab.portal.following",
                                "collab.portal.content.discussion_group",
                                "collab.portal.content.forum",
                            )
                        )
                    )

    def test_discussion_storage_read_in_one_module(self):
        readers = {
            str(path.relative_to(PACKAGE))
            for path in PACKAGE.rglob("*.py")
            if "._comments" in path.read_text("utf-8")
            or "._children" in path.read_text("utf-8")
        }
        self.assertEqual(readers, {"comments/storage.py"})

    def test_browser_and_services_do_not_import_each_other(self):
        for layer, other in (("browser", "services"), ("services", "browser")):
            for path in PACKAGE.rglob("*.py"):
                if layer not in path.relative_to(PACKAGE).parts:
                    continue
                for name in imports_of(path):
                    if not name.startswith("collab.portal."):
                        continue  # zope.publisher.interfaces.browser is no page
                    with self.subTest(module=str(path), name=name):
                        self.assertNotIn(other, name.split(".")[2:])


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
