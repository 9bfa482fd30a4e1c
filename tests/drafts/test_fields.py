"""The comment fields of a draft (drafts/fields.py): the plain-text ones
share one shape, and a comment's paragraph number costs no table walk of
its own."""

from collab.portal.drafts import fields
from collab.portal.drafts import paragraphs
from collab.portal.drafts.anchoring import QUOTE_MAX
from collab.portal.drafts.fields import DISPOSE
from collab.portal.drafts.fields import PARAGRAPH
from collab.portal.drafts.fields import QUOTE
from collab.portal.drafts.fields import RESPONSE
from collab.portal.drafts.fields import SUGGESTION
from collab.portal.drafts.fields import SUGGESTION_MAX
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import move_to
from drafts.draft_helpers import PARTICIPANT
from drafts.paragraphs_helpers import body
from drafts.paragraphs_helpers import CLAUSES
from drafts.paragraphs_helpers import saved
from unittest import mock
import unittest


def counting_walks():
    """Counts the table walks that number the paragraphs."""
    return mock.patch.object(paragraphs, "_numbers", wraps=paragraphs._numbers)


class TestPlainTextFields(unittest.TestCase):
    def test_shape(self):
        cases = (
            (QUOTE, "quote", QUOTE_MAX, "Quoted words", "On the words", None),
            (SUGGESTION, "suggestion", SUGGESTION_MAX, "Proposed wording", None, None),
            (RESPONSE, "response", SUGGESTION_MAX, "Response", None, DISPOSE),
        )
        for field, name, limit, title, label, set_by in cases:
            with self.subTest(name):
                self.assertEqual(field.name, name)
                self.assertEqual(field.form_field.__name__, name)
                self.assertEqual(field.form_field.max_length, limit)
                self.assertFalse(field.form_field.required)
                self.assertEqual(field.form_field.title, title)
                self.assertEqual(field.header, title)
                self.assertEqual(field.label, label or title)
                self.assertEqual(field.css_class, f"draft-comment-{name}")
                self.assertEqual(field.set_by, set_by)
                self.assertIsNone(field.filter)
                self.assertTrue(field.applies(None))
                self.assertIsNone(field.mail_line(None, "x"))
                self.assertEqual(field.from_json(None, "Some words."), "Some words.")
                self.assertIsNone(field.from_json(None, None))
                for bad in ("x" * (limit + 1), 3, ["a"]):
                    with self.assertRaises(ValueError):
                        field.from_json(None, bad)
                message = field.error(None, "x" * (limit + 1))
                self.assertEqual(message.mapping["limit"], limit)
        self.assertEqual(
            SUGGESTION.form_field.description,
            "The paragraph (or the quoted words) as you would write it.",
        )
        self.assertEqual(QUOTE.form_field.description, "")

    def test_serialized_and_shown(self):
        self.assertEqual(QUOTE.serialize(None, None), {"quote": ""})
        self.assertEqual(QUOTE.serialize(None, "every"), {"quote": "every"})
        self.assertEqual(QUOTE.text(None, "every"), "«every»")
        self.assertEqual(QUOTE.text(None, ""), "")
        for field in (SUGGESTION, RESPONSE):
            with self.subTest(field.name):
                self.assertEqual(field.serialize(None, ""), {field.name: None})
                self.assertEqual(field.serialize(None, "New."), {field.name: "New."})
                self.assertEqual(field.text(None, "New."), "New.")


class TestParagraphNumbers(unittest.TestCase):
    def test_numbers_counted_once_per_change_of_the_table(self):
        a, b, c, d = CLAUSES[:4]
        table, first = saved(body(a, b, c))
        pids = list(first.new)
        with (
            counting_walks() as walks,
            mock.patch.object(fields, "read_table", return_value=table),
        ):
            for _round in range(50):
                said = [PARAGRAPH.serialize(None, pid) for pid in pids]
            self.assertEqual(walks.call_count, 1)
            self.assertEqual([s["paragraph_number"] for s in said], ["1", "2", "3"])
            self.assertEqual(PARAGRAPH.text(None, pids[2]), "¶ 3")
            self.assertEqual(PARAGRAPH.text(None, "p-00000000"), "¶ ?")
            self.assertIsNone(PARAGRAPH.serialize(None, None)["paragraph_number"])
            # A paragraph inserted above: the numbers follow, counted again.
            saved(body(d, *zip(pids, (a, b, c), strict=True)), table)
            said = [PARAGRAPH.serialize(None, pid) for pid in pids]
            self.assertEqual([s["paragraph_number"] for s in said], ["2", "3", "4"])
            self.assertEqual(walks.call_count, 2)


class TestNumbersOverRest(DraftCommentsTestCase):
    def test_listing_comments_walks_the_table_once(self):
        move_to(self.draft, "round_open")
        for pid in (*self.pids, *self.pids):
            posted = self.post(PARTICIPANT, paragraph=pid)
            self.assertEqual(posted.status_code, 204, posted.text)
        with counting_walks() as walks:
            response = self.rest(LEAD).get(self.url)
        self.assertEqual(response.status_code, 200, response.text)
        numbers = [item["paragraph_number"] for item in response.json()["items"]]
        self.assertEqual(sorted(numbers), ["1", "1", "2", "2", "3", "3"])
        self.assertLessEqual(walks.call_count, 1)
