"""Comments on a draft (issue 22): on a paragraph, quoting its words,
proposing wording; taken while a round is open; read by the round's
people only, even once the draft is final; placed again by their quote
when the text changes."""

from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import move_to
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from portal_helpers import rest_session
import transaction


class TestParagraphIds(DraftCommentsTestCase):
    def test_every_block_gets_its_id_in_the_stored_text(self):
        self.assertEqual(len(self.pids), 3)
        for pid in self.pids:
            self.assertIn(f'id="{pid}"', self.draft.text.raw)


class TestCommentingInARound(DraftCommentsTestCase):
    def setUp(self):
        super().setUp()
        move_to(self.draft, "round_open")

    def test_a_participant_comments_on_words_and_proposes_wording(self):
        response = self.post(
            PARTICIPANT,
            paragraph=self.pids[1],
            quote="every year",
            suggestion="Parties should report every two years.",
        )
        self.assertEqual(response.status_code, 204, response.text)
        [comment] = self.comments()
        self.assertEqual(comment.anchor["quote"], "every year")
        self.assertEqual(comment.anchor["prefix"], "Parties shall report ")
        [item] = self.rest(LEAD).get(self.url).json()["items"]
        self.assertEqual(item["paragraph"], self.pids[1])
        self.assertEqual(item["paragraph_number"], "2")
        self.assertEqual(item["quote"], "every year")
        self.assertEqual(item["suggestion"], "Parties should report every two years.")

    def test_words_not_in_the_paragraph_are_refused(self):
        response = self.post(PARTICIPANT, paragraph=self.pids[2], quote="every year")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertTrue(response.json()["message"])
        unknown = self.post(PARTICIPANT, paragraph="p-00000000")
        self.assertEqual(unknown.status_code, 400, unknown.text)
        self.assertIn("no paragraph", unknown.json()["message"])
        self.assertEqual(self.comments(), [])

    def test_outside_the_round_nobody_comments(self):
        response = self.post(OUTSIDER, paragraph=self.pids[1])
        self.assertIn(response.status_code, (401, 403), response.text)
        self.assertEqual(self.comments(), [])

    def test_a_general_comment(self):
        response = self.post(SECRETARIAT)
        self.assertEqual(response.status_code, 204, response.text)
        [item] = self.rest(PARTICIPANT).get(self.url).json()["items"]
        self.assertIsNone(item["paragraph"])


class TestAfterTheRound(DraftCommentsTestCase):
    def setUp(self):
        super().setUp()
        open_a_round(self.draft)
        posted = self.post(PARTICIPANT, paragraph=self.pids[2], quote="compile")
        self.assertEqual(posted.status_code, 204, posted.text)

    def test_incorporating_takes_no_comments(self):
        self.close_round()
        response = self.post(PARTICIPANT, paragraph=self.pids[1])
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("while a round is open", response.json()["message"])

    def test_a_final_draft_is_public_its_comments_are_not(self):
        self.close_round()
        response = self.rest(SECRETARIAT).post(
            f"{self.draft.absolute_url()}/@workflow/finalise"
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.rest().get(self.draft.absolute_url()).status_code, 200)
        self.assertEqual(self.rest().get(self.url).json()["items"], [])
        self.assertEqual(self.rest(OUTSIDER).get(self.url).json()["items"], [])
        self.assertEqual(len(self.rest(PARTICIPANT).get(self.url).json()["items"]), 1)
        found = self.rest().get(
            f"{self.portal.absolute_url()}/@search",
            params={"portal_type": "Discussion Item", "SearchableText": "comment"},
        )
        self.assertEqual(found.json()["items_total"], 0)

    def test_a_deleted_paragraph_leaves_its_comment_orphaned(self):
        self.close_round()
        transaction.begin()
        shorter = self.draft.text.raw.split("<p id", 2)
        body = shorter[0] + "<p id" + shorter[1]  # the last paragraph removed
        response = self.rest(LEAD).patch(
            self.draft.absolute_url(),
            json={"text": {"data": body, "content-type": "text/html"}},
        )
        self.assertEqual(response.status_code, 204, response.text)
        [comment] = self.comments()
        self.assertEqual(comment.anchor["state"], "orphaned")
        self.assertEqual(
            comment.anchor["text"],
            "The secretariat shall compile the reports for the next meeting.",
        )


class TestDispositions(DraftCommentsTestCase):
    def setUp(self):
        super().setUp()
        open_a_round(self.draft)
        posted = self.post(PARTICIPANT, paragraph=self.pids[1], quote="every year")
        self.assertEqual(posted.status_code, 204, posted.text)
        [item] = self.rest(LEAD).get(self.url).json()["items"]
        self.comment_url = item["@id"]

    def answer(self, login, **body):
        return self.rest(login).patch(self.comment_url, json=body)

    def test_the_lead_author_answers_a_comment(self):
        self.close_round()
        response = self.answer(LEAD, disposition="accepted", response="Taken in.")
        self.assertEqual(response.status_code, 204, response.text)
        [item] = self.rest(PARTICIPANT).get(self.url).json()["items"]
        self.assertEqual(item["disposition"], "accepted")
        self.assertEqual(item["disposition_title"], "Accepted")
        self.assertEqual(item["response"], "Taken in.")
        self.assertEqual(item["text"]["data"], "A comment.")
        spanish = rest_session(self.portal.absolute_url(), PARTICIPANT, "es")
        [item] = spanish.get(self.url).json()["items"]
        self.assertEqual(item["disposition_title"], "Aceptado")

    def test_only_the_lead_and_the_secretariat_between_rounds(self):
        refused = self.answer(LEAD, disposition="accepted")
        self.assertEqual(refused.status_code, 403, refused.text)  # round open
        self.close_round()
        refused = self.answer(PARTICIPANT, disposition="accepted")
        self.assertEqual(refused.status_code, 403, refused.text)
        self.assertEqual(self.answer(SECRETARIAT, disposition="noted").status_code, 204)
        [comment] = self.comments()
        self.assertEqual(comment.disposition, "noted")

    def test_bad_answers_change_nothing(self):
        self.close_round()
        for body in (
            {"disposition": "maybe"},
            {"disposition": "accepted", "text": "Rewritten."},
            {"response": "x" * 5001},
        ):
            with self.subTest(body=body):
                response = self.answer(LEAD, **body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        [comment] = self.comments()
        self.assertIsNone(getattr(comment, "disposition", None))
        self.assertEqual(comment.text, "A comment.")

    def test_a_new_comment_carries_no_disposition(self):
        response = self.post(
            PARTICIPANT, paragraph=self.pids[1], disposition="accepted"
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("afterwards", response.json()["message"])
        self.assertEqual(len(self.comments()), 1)
