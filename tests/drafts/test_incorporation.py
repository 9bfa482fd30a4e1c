"""Issue 22, Behaviour 4: the lead author applies a comment's proposed
wording into the body, keeping the paragraph's id; a paragraph changed
since, or a draft not being incorporated, refuses it with nothing
changed."""

from collab.portal.drafts.incorporation import apply_suggestion
from collab.portal.drafts.incorporation import IncorporationRefused
from collab.portal.drafts.incorporation import rows_of
from collab.portal.drafts.paragraphs import read_table
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.incorporation_helpers import IncorporationTestCase
from drafts.incorporation_helpers import SUGGESTION
from drafts.incorporation_helpers import WHOLE
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import transaction


class TestApplySuggestion(IncorporationTestCase):
    def apply(self, key, login=LEAD):
        return self.rest(login).post(
            f"{self.draft.absolute_url()}/@apply-suggestion",
            json={"comment": str(self.ids[key])},
        )

    def test_the_quoted_words_are_replaced_in_place(self):
        response = self.apply("words")
        self.assertEqual(response.status_code, 200, response.text)
        expected = "Parties shall report every two years on their capacity needs."
        self.assertEqual(response.json(), {"paragraph": self.pids[1], "text": expected})
        transaction.begin()
        self.assertIn(f'<p id="{self.pids[1]}">{expected}</p>', self.draft.text.raw)
        self.assertEqual(read_table(self.draft).text(self.pids[1]), expected)
        self.assertEqual([p.id for p in read_table(self.draft).paragraphs()], self.pids)
        comment = self.conversation_comment("words")
        self.assertEqual(comment.disposition, "accepted")
        self.assertEqual(comment.anchor["state"], "anchored")
        self.assertEqual(comment.anchor["quote"], SUGGESTION)
        self.assertEqual(comment.paragraph, self.pids[1])
        reply = self.conversation_comment("reply")
        self.assertEqual(reply.anchor["state"], "anchored")

    def test_a_whole_paragraph_suggestion_replaces_its_text(self):
        response = self.apply("whole", login=SECRETARIAT)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["text"], WHOLE)
        transaction.begin()
        self.assertIn(f'<p id="{self.pids[2]}">{WHOLE}</p>', self.draft.text.raw)

    def test_a_disposition_already_given_is_kept(self):
        response = self.rest(LEAD).patch(
            f"{self.url}/{self.ids['words']}", json={"disposition": "accepted_in_part"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.apply("words").status_code, 200)
        self.assertEqual(
            self.conversation_comment("words").disposition, "accepted_in_part"
        )

    def test_a_changed_paragraph_is_refused_and_nothing_changes(self):
        with api.env.adopt_user(username=LEAD):
            body = self.draft.text.raw.replace("every year", "annually")
            self.draft.text = RichTextValue(body, "text/html", "text/x-html-safe")
            notify(ObjectModifiedEvent(self.draft))
        transaction.commit()
        before = self.draft.text.raw
        response = self.apply("words")
        self.assertEqual(response.status_code, 409, response.text)
        self.assertIn("apply the suggestion by hand", response.json()["message"])
        transaction.begin()
        self.assertEqual(self.draft.text.raw, before)
        self.assertIsNone(
            getattr(self.conversation_comment("words"), "disposition", None)
        )

    def test_only_while_incorporating(self):
        self.open_next_round()
        before = self.draft.text.raw
        response = self.apply("words")
        self.assertEqual(response.status_code, 409, response.text)
        self.assertIn("after the round has closed", response.json()["message"])
        transaction.begin()
        self.assertEqual(self.draft.text.raw, before)

    def test_bad_requests(self):
        url = f"{self.draft.absolute_url()}/@apply-suggestion"
        for body in ({"comment": "999999"}, {"comment": "x"}, {}):
            response = self.rest(LEAD).post(url, json=body)
            self.assertEqual(response.status_code, 400, (body, response.text))
            self.assertIn("no comment", response.json()["message"])
        response = self.apply("general")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("proposes no wording", response.json()["message"])

    def test_script_in_a_suggestion_is_stored_as_text(self):
        comment = self.conversation_comment("whole")
        comment.suggestion = '<script>alert("x")</script>'
        transaction.commit()
        self.assertEqual(self.apply("whole").status_code, 200)
        transaction.begin()
        self.assertNotIn("<script", self.draft.text.raw)
        self.assertIn("&lt;script&gt;", self.draft.text.raw)

    def open_next_round(self):
        from drafts.draft_helpers import open_a_round

        open_a_round(self.draft)


class TestRows(IncorporationTestCase):
    def test_rows_by_paragraph_then_whole_draft(self):
        with api.env.adopt_user(username=LEAD):
            rows = rows_of(self.draft, 1)
        self.assertEqual(
            [(r.paragraph_number, r.kind, r.depth, r.text) for r in rows],
            [
                ("2", "suggestion", 0, "Too often."),
                ("2", "reply", 1, "Why?"),
                ("3", "suggestion", 0, "Publish them."),
                ("", "comment", 0, "Good draft overall."),
            ],
        )
        first = rows[0]
        self.assertEqual(first.author, "Ana Pérez")
        self.assertEqual(first.organisation, "SEMARNAT")
        self.assertEqual(first.country, "MX")
        self.assertEqual(
            first.paragraph_text, read_table(self.draft).text(self.pids[1])
        )
        self.assertEqual(first.suggestion, SUGGESTION)
        with api.env.adopt_user(username=PARTICIPANT):
            self.assertEqual(len(rows_of(self.draft, 1)), 4)
        with api.env.adopt_user(username="member"):
            self.assertEqual(rows_of(self.draft, 1), [])


class TestRemovedText(IncorporationTestCase):
    """Paragraph 3 deleted while incorporating: its comment is orphaned."""

    def setUp(self):
        super().setUp()
        with api.env.adopt_user(username=LEAD):
            body = self.draft.text.raw
            start = body.index(f'<p id="{self.pids[2]}">')
            body = body[:start] + body[body.index("</p>", start) + 4 :]
            self.draft.text = RichTextValue(body, "text/html", "text/x-html-safe")
            notify(ObjectModifiedEvent(self.draft))
        transaction.commit()

    def test_orphaned_comments_come_last_with_their_text(self):
        self.assertEqual(self.conversation_comment("whole").anchor["state"], "orphaned")
        with api.env.adopt_user(username=LEAD):
            rows = rows_of(self.draft, 1)
        last = rows[-1]
        self.assertEqual(last.text, "Publish them.")
        self.assertTrue(last.orphaned)
        self.assertEqual(last.paragraph_number, "3")
        self.assertEqual(
            last.paragraph_text,
            "The secretariat shall compile the reports for the next meeting.",
        )
        self.assertEqual(rows[-2].text, "Good draft overall.")
        response = self.rest(LEAD).get(
            f"{self.draft.absolute_url()}/@comments-export", params={"format": "csv"}
        )
        self.assertIn("Former paragraph 3", response.text)

    def test_a_suggestion_on_removed_text_is_applied_by_hand(self):
        before = self.draft.text.raw
        comment = self.conversation_comment("whole")
        with (
            api.env.adopt_user(username=LEAD),
            self.assertRaises(IncorporationRefused) as refused,
        ):
            apply_suggestion(self.draft, comment)
        self.assertEqual(refused.exception.status, 409)
        self.assertEqual(self.draft.text.raw, before)
