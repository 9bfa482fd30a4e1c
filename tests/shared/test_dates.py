"""The one date formatter, which takes a language."""

from collab.portal.dates import format_date
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import UTC
import unittest


class TestDates(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_one_formatter_in_three_languages(self):
        value = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)
        self.assertEqual(format_date(value, "en"), "5 March 2030, 14:00 UTC")
        self.assertEqual(format_date(value, "es"), "5 de marzo de 2030, 14:00 UTC")
        self.assertEqual(format_date(value, "fr"), "5 mars 2030, 14:00 UTC")
        self.assertEqual(format_date(value, "fr", with_time=False), "5 mars 2030")
        self.assertEqual(format_date(None, "en"), "")

    def test_other_languages_are_written_as_cldr_writes_them(self):
        # Babel's long date form: the German ordinal dot, Arabic month
        # names, and English (day month year) for a language CLDR lacks.
        value = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)
        self.assertEqual(format_date(value, "de", with_time=False), "5. März 2030")
        self.assertEqual(format_date(value, "ar", with_time=False), "5 مارس 2030")
        self.assertEqual(format_date(value, "xx"), "5 March 2030, 14:00 UTC")

    def test_a_regional_language_keeps_its_region(self):
        # Plone's codes ("pt-br", "en-us"): the region's own CLDR form,
        # where the language alone would write it otherwise.
        value = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)
        self.assertEqual(format_date(value, "en-us", with_time=False), "March 5, 2030")
        self.assertEqual(format_date(value, "en-gb", with_time=False), "5 March 2030")
        self.assertEqual(format_date(value, "xx-yy"), "5 March 2030, 14:00 UTC")
