"""Upgrade 1005 to 1006 gives back their own text to comments that a REST
round trip through the old serializer stored as escaped HTML."""

from collab.portal.testing import INTEGRATION_TESTING
from collab.portal.upgrades.comment_text import as_html
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import UpgradeTestCase
from zope.component import createObject


WRITTEN = 'a < b & c "q"\nline two\r\nhttps://example.org/?a=1&b=2 日本語'


class TestRepairCommentText(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        super().setUp()
        self.document = api.content.create(
            container=self.portal["en"], type="Document", id="doc", title="Doc"
        )

    def add(self, text, edited=True):
        comment = createObject("plone.Comment")
        comment.text = text
        comment.mime_type = "text/plain"
        conversation = IConversation(self.document)
        comment = conversation[conversation.addComment(comment)]
        if edited:
            comment.modification_date = comment.creation_date + timedelta(minutes=2)
        return comment

    def test_round_tripped_comments_get_their_text_back(self):
        once = self.add(as_html(WRITTEN))
        twice = self.add(as_html(as_html(WRITTEN)))
        self.assertIn("&lt;", once.text)
        self.upgrade_from("1005")
        self.assertEqual(once.text, WRITTEN)
        self.assertEqual(twice.text, WRITTEN)
        found = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            SearchableText="example"
        )
        self.assertIn(once.getId(), [b.getId for b in found])

    def test_other_comments_stay_as_they_are(self):
        texts = [
            "Plain words, no markup.",
            "<p>a &lt; b</p> and more",
            "<p><b>bold</b></p>",
            "<p>a &lt;\n b</p>",
        ]
        comments = [self.add(text) for text in texts]
        # Never edited: what its author typed, though it looks converted.
        typed = self.add("<p>a &lt; b</p>", edited=False)
        html = self.add("<p>x</p>")
        html.mime_type = "text/html"
        self.upgrade_from("1005")

        self.assertEqual([c.text for c in comments], texts)
        self.assertEqual(typed.text, "<p>a &lt; b</p>")
        self.assertEqual(html.text, "<p>x</p>")
