"""Issue 22, Behaviour 8: the demo site has a draft resolution in its
second round with comments, proposed wording and responses from several
countries, and one comment on a removed paragraph; no invitation was
sent for it."""

from collab.portal.drafts.demo import demo_data
from collab.portal.drafts.rounds import rounds_of
from collab.portal.mail.delivery import delivery_log
from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from plone.app.discussion.interfaces import IConversation
import unittest


class TestDemoDraft(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.draft = api.portal.get()["en"][demo_data()["id"]]
        self.comments = list(IConversation(self.draft).getComments())

    def test_in_its_second_round(self):
        self.assertEqual(api.content.get_state(self.draft), "round_open")
        first, second = rounds_of(self.draft)
        self.assertFalse(first.is_open)
        self.assertTrue(second.taking_comments())
        for round in (first, second):
            self.assertIsNone(delivery_log(self.draft, round.invitations_key))
        self.assertNotIn("Noting with appreciation", self.draft.text.raw)
        self.assertIn("every two years", self.draft.text.raw)

    def test_comments_suggestions_and_responses_from_several_countries(self):
        by_round = {1: [], 2: []}
        for comment in self.comments:
            by_round[comment.round_number].append(comment)
        self.assertEqual((len(by_round[1]), len(by_round[2])), (7, 3))
        countries = {comment.author_country for comment in self.comments}
        self.assertGreaterEqual(len(countries), 6)
        answered = [c for c in by_round[1] if getattr(c, "disposition", None)]
        self.assertEqual(
            {c.disposition for c in answered},
            {"accepted", "accepted_in_part", "noted", "not_accepted"},
        )
        suggestions = [c for c in self.comments if getattr(c, "suggestion", None)]
        self.assertEqual(len(suggestions), 3)
        orphaned = [
            c for c in self.comments if (c.anchor or {}).get("state") == "orphaned"
        ]
        self.assertEqual(len(orphaned), 1)
        self.assertIn("Noting with appreciation", orphaned[0].anchor["text"])
        states = {api.content.get_state(c) for c in self.comments}
        self.assertEqual(states, {"published"})
