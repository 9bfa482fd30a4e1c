"""Deleting the group version that holds the followers (the one created
first) while other versions remain: the logs about the comments (when
each became public, announcements still owed) move with the conversation
to the next holder; the followers go with the deleted version, and no
list of the site keeps its UID."""

from collab.portal.clock import tick
from collab.portal.content.translations import translations
from collab.portal.following.followers import follow
from collab.portal.following.followers import followed_uids
from collab.portal.following.followers import following
from collab.portal.following.owed import owe
from collab.portal.following.owed import owed
from collab.portal.following.owed import owing_uids
from collab.portal.following.published import published_between
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from forum.helpers import ForumTestCase
from forum.helpers import translate_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
import transaction


class TestDeleteTheFollowedHolder(ForumTestCase):
    def setUp(self):
        super().setUp()
        translate_forum(self.forum, "es")
        self.group = self.forum["monitoring"]
        self.es_group = translations(self.group)["es"]
        self.start = datetime.now(UTC) - timedelta(hours=1)
        add_comment(self.group, "member", "Published")
        follow(self.es_group, "editor", "digest", language="es")
        self.owed = add_comment(self.group, "member", "Owed")
        transaction.commit()  # logged as published at commit
        # As if mail could not be queued then (following.owed).
        owe(self.group, IConversation(self.group)[self.owed])
        transaction.commit()
        self.logs = self.logs_of(self.group)
        self.assertTrue(all(self.logs), self.logs)
        self.en_uid = self.group.UID()
        self.assertIn(self.en_uid, followed_uids())
        self.assertIn(self.en_uid, owing_uids())

    def logs_of(self, holder):
        transaction.begin()
        end = datetime.now(UTC)
        return (
            published_between(holder, self.start, end),
            sorted(owed(holder)),
        )

    def test_logs_move_to_the_next_holder_and_followers_go(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.group, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(self.logs_of(self.es_group), self.logs)
        self.assertEqual(set(owing_uids()), {self.es_group.UID()})
        self.assertNotIn(self.en_uid, followed_uids())
        self.assertIsNone(following(self.es_group, "editor"))
        # The clock's following work runs on the new holder.
        tick()
        transaction.commit()
        # Following again is kept on the new holder.
        follow(self.es_group, "editor", "immediate")
        transaction.commit()
        self.assertIn(self.es_group.UID(), followed_uids())
        self.assertEqual(following(self.es_group, "editor").mode, "immediate")

    def test_deleting_another_version_moves_nothing(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.es_group, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(self.logs_of(self.group), self.logs)
        self.assertIn(self.en_uid, owing_uids())
        self.assertIn(self.en_uid, followed_uids())
        self.assertEqual(following(self.group, "editor").mode, "digest")
