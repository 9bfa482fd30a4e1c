"""Mail names the author as the comment stored them (organisation and
country), not as the member's profile says now."""

from collab.portal.following.mail import author_line
from collab.portal.testing import INTEGRATION_TESTING
import unittest


class FakeComment:
    author_name = "Ana"
    author_username = "ana"
    author_organisation = "Ministry at the time"
    author_country = "KE"


class TestMailAuthor(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_mail_shows_what_the_comment_stored(self):
        from plone import api

        api.user.create(
            email="ana@example.org",
            username="ana",
            properties={"organisation": "Ministry now", "country": "FR"},
        )
        line = author_line(FakeComment(), "en")
        self.assertTrue(line.startswith("Ana ("), line)
        self.assertIn("Ministry at the time", line)
        self.assertIn("Kenya", line)
        self.assertNotIn("Ministry now", line)
