"""Signed links and tokens on named keyrings; links signed before
tokens.py existed stay valid."""

from collab.portal import tokens
from collab.portal.following import links
from collab.portal.testing import INTEGRATION_TESTING
from hashlib import sha256
from plone.keyring.interfaces import IKeyManager
from zope.component import getUtility
import hmac
import unittest


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
