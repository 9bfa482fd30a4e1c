"""Counters kept as comments come and go: who sees which count, the
catalog, the upgrade that counts existing discussions, and concurrent
posters that do not conflict."""

from collab.portal.comments.stats import comment_stats
from collab.portal.comments.stats import STATS_KEY
from collab.portal.testing import FUNCTIONAL_TESTING
from comments.helpers import DiscussionTestCase
from forum.helpers import make_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from portal_helpers import create_role_users
from portal_helpers import rest_session
from portal_helpers import url
from zope.annotation.interfaces import IAnnotations
from zope.component import createObject
import transaction
import unittest


class TestWhoSeesWhat(DiscussionTestCase):
    def setUp(self):
        super().setUp()
        self.visible = self.post("Visible")
        self.waiting = self.post("Waiting")
        self.reply = self.post("Answer", login="member", reply_to=self.waiting)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[self.waiting], transition="recall"
            )
        transaction.commit()

    def rest_texts(self, login=None):
        session = rest_session(self.portal.absolute_url(), login)
        data = session.get(self.base).json()
        return data["items_total"], [i["text_html"] for i in data["items"]]

    def test_rest(self):
        self.assertEqual(self.rest_texts(), (1, ["<p>Visible</p>"]))
        self.assertEqual(self.rest_texts("member"), (1, ["<p>Visible</p>"]))
        # The author sees their own comment waiting for a moderator.
        self.assertEqual(
            self.rest_texts("author"), (2, ["<p>Visible</p>", "<p>Waiting</p>"])
        )
        # Editors publish pages; Site Administrators and Reviewers moderate.
        self.assertEqual(self.rest_texts("editor")[0], 1)
        self.assertEqual(self.rest_texts("siteadmin")[0], 3)

    def test_page(self):
        self.assertEqual(self.texts(self.browser().contents), ["Visible"])
        self.assertEqual(self.texts(self.browser("member").contents), ["Visible"])
        author_page = self.browser("author").contents
        self.assertEqual(self.texts(author_page), ["Visible", "Waiting"])
        self.assertIn("comment-state", author_page)
        self.assertEqual(self.texts(self.browser("editor").contents), ["Visible"])
        self.assertEqual(
            self.texts(self.browser("siteadmin").contents),
            ["Visible", "Waiting", "Answer"],
        )

    def test_counters_follow_the_workflow(self):
        stats = comment_stats(IConversation(self.group))
        self.assertEqual(stats.count(), 1)
        self.assertEqual(stats.participants(), ["author"])
        self.assertEqual(stats.country_counts(), {"KE": 1})
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[self.waiting], transition="publish"
            )
        # Publishing the parent brings its published reply back with it.
        self.assertEqual(stats.count(), 3)
        self.assertEqual(sorted(stats.participants()), ["author", "member"])
        del IConversation(self.group)[self.waiting]
        self.assertEqual(stats.count(), 1)
        self.assertEqual(len(stats.own("member")), 0)

    def test_catalog_and_schedule_use_the_counters(self):
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertEqual(brain.total_comments, 1)
        self.assertEqual(brain.commentators, ("author",))
        rows = (
            rest_session(self.portal.absolute_url())
            .get(
                url(
                    rest_session(self.portal.absolute_url()),
                    "en/capacity-forum/@schedule",
                )
            )
            .json()["items"]
        )
        monitoring = [r for r in rows if r["group"].endswith("/monitoring")][0]
        self.assertEqual(monitoring["comments"], 1)
        self.assertTrue(monitoring["last_comment"].endswith("Z"))
        forum_page = Browser(self.layer["app"])
        forum_page.open(self.forum.absolute_url())
        self.assertIn("1 comments, the last on", forum_page.contents)


class TestCatalogCounters(DiscussionTestCase):
    def test_clock_copies_the_counters_into_the_catalog(self):
        """Posting leaves the group's catalog record alone (concurrent
        posters would conflict on it); the clock's tick updates it."""
        from collab.portal.clock import tick

        self.post("One")
        self.post("Two")
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertNotEqual(brain.total_comments, 2)
        tick()
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertEqual(brain.total_comments, 2)
        self.assertEqual(brain.commentators, ("author",))
        self.assertIsNotNone(brain.last_comment_date)


class TestUpgradeCountsExistingDiscussions(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def test_upgrade_1003_to_1004(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        create_role_users(portal)
        forum = make_forum(portal["en"])
        group = forum["monitoring"]
        conversation = IConversation(group)
        for text in ("One", "Two"):
            new = createObject("plone.Comment")
            new.text = text
            new.author_username = "member"
            conversation.addComment(new)
        del IAnnotations(group)[STATS_KEY]
        registry = api.portal.get_tool("portal_registry")
        del registry.records["collab.portal.comments_page_size"]
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile("collab.portal:default", "1003")

        setup.upgradeProfile("collab.portal:default")

        self.assertEqual(comment_stats(conversation, create=False).count(), 2)
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.comments_page_size"), 20
        )
        self.assertEqual(api.content.find(UID=group.UID())[0].total_comments, 2)


class TestConcurrentPostersDoNotConflict(DiscussionTestCase):
    def test_new_comment_does_not_rewrite_the_conversation(self):
        """Members posting at once must not all write the conversation
        object (it cannot resolve conflicts); only the BTrees inside it,
        which can."""
        from Acquisition import aq_base

        self.post("First, creates the conversation")
        serial = aq_base(IConversation(self.group))._p_serial
        self.post("Second")
        cid = self.post("Third")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(IConversation(self.group)[cid], transition="recall")
        transaction.commit()
        transaction.begin()
        conversation = aq_base(IConversation(self.group))
        self.assertEqual(len(conversation), 3)
        self.assertEqual(conversation._p_serial, serial)

    def test_transactions_with_savepoints_still_commit(self):
        """Bulk work (imports, the bench seeder, site creation) changes
        comments after savepoints: the conversation is then read through a
        store without old revisions, and must simply be written."""
        self.post("First, creates the conversation")
        cid = self.post("Second")
        conversation = IConversation(self.group)
        conversation[cid].text = "Second, recalled after a savepoint"
        transaction.savepoint(optimistic=True)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(conversation[cid], transition="recall")
        transaction.commit()
        transaction.begin()
        comment = IConversation(self.group)[cid]
        self.assertEqual(comment.text, "Second, recalled after a savepoint")
        self.assertEqual(api.content.get_state(comment), "pending")

    def test_comments_get_no_intid(self):
        """Every post wrote the intid utility's two BTrees, the hottest
        conflict under load; nothing needs a comment's intid."""
        from five.intid.keyreference import KeyReferenceToPersistent
        from zope.component import getUtility
        from zope.intid.interfaces import IIntIds

        intids = getUtility(IIntIds)
        cid = self.post("No intid for me")
        comment = IConversation(self.group)[cid]
        self.assertNotIn(KeyReferenceToPersistent(comment), intids.ids)
        # The group itself keeps its intid.
        self.assertIsNotNone(intids.queryId(self.group))
        # A comment registered before keeps its id until it is removed.
        old = IConversation(self.group)[self.post("Registered long ago")]
        key = KeyReferenceToPersistent(old)
        intids.register(key)
        transaction.commit()
        del IConversation(self.group)[old.comment_id]
        transaction.commit()
        self.assertNotIn(key, intids.ids)
