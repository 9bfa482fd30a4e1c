"""The comment fields of a draft (drafts/fields.py): the plain-text ones
share one shape, and a comment's paragraph number costs no table walk of
its own."""

from collab.portal.drafts.anchoring import QUOTE_MAX
from collab.portal.drafts.fields import DISPOSE
from collab.portal.drafts.fields import QUOTE
from collab.portal.drafts.fields import RESPONSE
from collab.portal.drafts.fields import SUGGESTION
from collab.portal.drafts.fields import SUGGESTION_MAX
import unittest


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
