"""One ``TooManyRequests``: comments posted too fast and links guessed too
often raise the same class, and the 429 page shows either reason."""

from collab.portal import errors
from collab.portal import tokens
from collab.portal.comments import limits
from collab.portal.interfaces import IBrowserLayer
from collab.portal.testing import INTEGRATION_TESTING
from zExceptions import Forbidden
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
import unittest


class TestTooManyRequests(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        alsoProvides(self.request, IBrowserLayer)
        tokens._attempts.clear()

    def tearDown(self):
        tokens._attempts.clear()

    def guessed_too_often(self):
        for _attempt in range(tokens.MAX_FAILURES):
            with self.assertRaises(Forbidden):
                tokens.check("test", "uid", "guess-" * 8, client="198.51.100.7")
        with self.assertRaises(errors.TooManyRequests) as refused:
            tokens.check("test", "uid", "guess-" * 8, client="198.51.100.7")
        return refused.exception

    def test_links_and_comments_raise_the_one_class(self):
        self.assertIs(limits.TooManyRequests, errors.TooManyRequests)
        self.assertIs(tokens.TooManyRequests, errors.TooManyRequests)
        self.assertIsInstance(self.guessed_too_often(), errors.TooManyRequests)

    def test_the_429_page_shows_a_guessed_links_refusal(self):
        error = self.guessed_too_often()
        page = getMultiAdapter((error, self.request), name="index.html")
        html = page()
        self.assertEqual(self.request.response.getStatus(), 429)
        self.assertIn('id="too-many-requests"', html)
        self.assertIn("Too many attempts with invalid links", html)
