"""Counts as each language writes them."""

from collab.portal.dates import format_number
import unittest


class TestNumbers(unittest.TestCase):
    def test_three_languages(self):
        self.assertEqual(format_number(1234567, "en"), "1,234,567")
        self.assertEqual(format_number(1234, "es"), "1.234")
        self.assertEqual(format_number(1234, "fr"), "1\u202f234")
        self.assertEqual(format_number(7, "fr"), "7")

    def test_unknown_or_regional_language(self):
        self.assertEqual(format_number(1234, "pt-br"), "1.234")
        self.assertEqual(format_number(1234, "xx"), "1,234")
        self.assertEqual(format_number(1234, None), "1,234")
