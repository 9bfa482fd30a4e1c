"""Shared parts at the top: the date formatter, signed links (links
signed before tokens.py existed stay valid) and the mail's author line."""

from collab.portal import tokens
from collab.portal.dates import format_date
from collab.portal.following import links
from collab.portal.following.mail import author_line
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import UTC
from hashlib import sha256
from plone.keyring.interfaces import IKeyManager
from zope.component import getUtility
import hmac
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


class TestTokens(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_link_signed_before_the_move_stays_valid(self):
        # How following/links.py signed unfollow links up to profile 1006.
        links.token("someone", "x")  # makes the ring, as the first mail did
        key = getUtility(IKeyManager)["collab.portal.following"].current
        old = hmac.new(key.encode(), b"member1\nsome-uid", sha256).hexdigest()
        self.assertTrue(links.is_valid("member1", "some-uid", old))
        self.assertTrue(
            tokens.is_valid("collab.portal.following", old, "member1", "some-uid")
        )
        self.assertFalse(links.is_valid("member2", "some-uid", old))
        self.assertFalse(links.is_valid("member1", "other-uid", old))

    def test_generic_sign_and_check(self):
        token = tokens.sign("collab.portal.test", "a", "b")
        self.assertTrue(tokens.is_valid("collab.portal.test", token, "a", "b"))
        self.assertFalse(tokens.is_valid("collab.portal.test", token, "a", "c"))
        self.assertFalse(tokens.is_valid("collab.portal.other", token, "a", "b"))
        self.assertFalse(tokens.is_valid("collab.portal.test", None, "a", "b"))


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
