"""Issue 22, Behaviour 4: each round's text is a CMFEditions version; a
version holds the text and its paragraph ids, never the draft's comments
or rounds, and reverting the text keeps every comment (nothing is
silently lost)."""

from Acquisition import aq_base
from collab.portal.drafts.paragraphs import TABLE_KEY
from collab.portal.drafts.rounds import rounds_of
from collab.portal.drafts.versions import MODIFIER_ID
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import PARTICIPANT
from plone import api
import transaction


CONVERSATION = "plone.app.discussion:conversation"


class TestRoundVersions(DraftCommentsTestCase):
    def setUp(self):
        super().setUp()
        open_a_round(self.draft)
        for number in range(3):
            posted = self.post(PARTICIPANT, text=f"Comment {number}.")
            self.assertEqual(posted.status_code, 204, posted.text)
        self.close_round()

    def test_the_modifier_is_there_for_drafts(self):
        modifier = api.portal.get_tool("portal_modifier")[MODIFIER_ID]
        self.assertTrue(modifier.isEnabled())
        self.assertIn("DraftDocument", modifier.getTalesCondition())

    def test_a_version_leaves_the_comments_out(self):
        archivist = api.portal.get_tool("portal_archivist")
        prepared = archivist.prepare(self.draft, app_metadata=None, sys_metadata={})
        annotations = aq_base(prepared.clone.object).__annotations__
        self.assertIsNone(annotations.get(CONVERSATION))
        self.assertIsNotNone(annotations[TABLE_KEY])
        self.assertIn(CONVERSATION, self.draft.__annotations__)

    def test_reverting_the_text_keeps_every_comment(self):
        first = self.draft.text.raw
        body = first.replace("every year", "every second year")
        edited = self.rest(LEAD).patch(
            self.draft.absolute_url(),
            json={"text": {"data": body, "content-type": "text/html"}},
        )
        self.assertEqual(edited.status_code, 204, edited.text)
        transaction.begin()
        repository = api.portal.get_tool("portal_repository")
        self.assertEqual(
            repository.getHistoryMetadata(self.draft).retrieve(0)["metadata"][
                "sys_metadata"
            ]["comment"],
            "Round 1",
        )
        with api.env.adopt_roles(["Manager"]):
            repository.revert(self.draft, 0)
        transaction.commit()
        self.assertNotIn("every second year", self.draft.text.raw)
        self.assertEqual(
            sorted(c.text for c in self.comments()),
            ["Comment 0.", "Comment 1.", "Comment 2."],
        )
        self.assertEqual(len(rounds_of(self.draft)), 1)
        items = self.rest(PARTICIPANT).get(self.url).json()["items"]
        self.assertEqual(len(items), 3)
