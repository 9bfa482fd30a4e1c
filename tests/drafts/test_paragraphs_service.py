"""``GET <draft>/@paragraphs`` and ``GET <draft>/@comments?paragraph=``
(issue 22, REST): the paragraphs with the reader's comment counts, one
paragraph's comments with their replies, and 304 to a poll while nothing
changed."""

from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT


class TestParagraphsService(DraftCommentsTestCase):
    def setUp(self):
        super().setUp()
        open_a_round(self.draft)
        self.paragraphs = f"{self.draft.absolute_url()}/@paragraphs"

    def comment_on(self, index, login=PARTICIPANT, **body):
        response = self.post(login, paragraph=self.pids[index], **body)
        self.assertEqual(response.status_code, 204, response.text)

    def test_paragraphs_with_their_comment_counts(self):
        self.comment_on(1)
        self.comment_on(1, login=SECRETARIAT)
        self.comment_on(2)
        response = self.rest(LEAD).get(self.paragraphs)
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["items"]
        self.assertEqual([i["id"] for i in items], self.pids)
        self.assertEqual([i["number"] for i in items], ["1", "2", "3"])
        self.assertEqual(
            [i["kind"] for i in items], ["heading", "paragraph", "paragraph"]
        )
        self.assertEqual([i["comments"] for i in items], [0, 2, 1])
        self.assertTrue(items[1]["text"].startswith("Parties shall report"))

    def test_nobody_outside_the_round(self):
        self.assertEqual(self.rest(OUTSIDER).get(self.paragraphs).status_code, 401)
        self.assertEqual(self.rest().get(self.paragraphs).status_code, 401)

    def test_a_poll_is_304_until_a_comment_or_the_text_changes(self):
        first = self.rest(PARTICIPANT).get(self.paragraphs)
        etag = first.headers["ETag"]
        again = self.rest(PARTICIPANT).get(
            self.paragraphs, headers={"If-None-Match": etag}
        )
        self.assertEqual(again.status_code, 304)
        self.comment_on(2)
        changed = self.rest(PARTICIPANT).get(
            self.paragraphs, headers={"If-None-Match": etag}
        )
        self.assertEqual(changed.status_code, 200)
        self.assertEqual(changed.json()["items"][2]["comments"], 1)
        etag = changed.headers["ETag"]
        self.close_round()
        body = self.draft.text.raw.replace("next meeting", "next session")
        edited = self.rest(LEAD).patch(
            self.draft.absolute_url(),
            json={"text": {"data": body, "content-type": "text/html"}},
        )
        self.assertEqual(edited.status_code, 204, edited.text)
        after = self.rest(PARTICIPANT).get(
            self.paragraphs, headers={"If-None-Match": etag}
        )
        self.assertEqual(after.status_code, 200)
        self.assertIn("next session", after.json()["items"][2]["text"])

    def test_one_paragraphs_comments_with_their_replies(self):
        self.comment_on(1, text="On the second block.")
        self.comment_on(2, text="On the third block.")
        items = self.rest(LEAD).get(self.url).json()["items"]
        parent = next(i for i in items if i["text"]["data"] == "On the second block.")
        reply = self.rest(SECRETARIAT).post(
            parent["@id"], json={"text": "A reply, no paragraph sent."}
        )
        self.assertEqual(reply.status_code, 204, reply.text)
        listed = self.rest(PARTICIPANT).get(
            self.url, params={"paragraph": self.pids[1]}
        )
        texts = [i["text"]["data"] for i in listed.json()["items"]]
        self.assertEqual(texts, ["On the second block.", "A reply, no paragraph sent."])
        self.assertEqual(listed.json()["items"][1]["paragraph"], self.pids[1])
        none = self.rest(PARTICIPANT).get(self.url, params={"paragraph": "p-00000000"})
        self.assertEqual(none.json()["items"], [])
