"""A comment read and written back is the comment as it was.

Any edit form (Volto's, a script's) reads ``text.data`` and sends it back.
The add-on once returned every comment's text as transformed HTML, and an
unchanged edit then stored that HTML as the text: on discussion groups and
on every other content. Here the same text goes around on REST and on the
page's edit form, for a plain Document and for a discussion group, and the
page still shows what the author wrote.
"""

from comments.helpers import DocumentAndGroupTestCase
from html import escape
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from portal_helpers import PASSWORD
from portal_helpers import rest_session
import transaction


TEXT = (
    "a < b & c, \"double\" and 'single' quotes\n"
    "a second line\r\n"
    "see https://example.org/report?a=1&b=2 <b>not bold</b>\n"
    "日本語, Ελληνικά, العربية, русский"
)


class RoundTripTestCase(DocumentAndGroupTestCase):
    def setUp(self):
        super().setUp()
        self.member = rest_session(self.portal.absolute_url(), "member")

    def editor(self, name):
        """Who edits the comment over REST: its author in a group (the
        add-on lets the comment's own permission decide); on a Document,
        plone.restapi asks for "Edit comments" on the content, which
        moderators have."""
        if name == "group":
            return self.member
        return rest_session(self.portal.absolute_url(), "siteadmin")

    def targets(self):
        return {"document": self.document, "group": self.group}

    def stored(self, content):
        transaction.begin()
        return list(IConversation(content).getComments())

    def post(self, content, text=TEXT):
        response = self.member.post(
            f"{content.absolute_url()}/@comments", json={"text": text}
        )
        self.assertEqual(response.status_code, 204, response.text)
        return self.stored(content)[-1]

    def page(self, content):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic member:{PASSWORD}")
        browser.open(content.absolute_url())
        return browser


class TestRestRoundTrip(RoundTripTestCase):
    def test_get_then_patch_leaves_the_comment_as_it_was(self):
        for name, content in self.targets().items():
            with self.subTest(name):
                comment = self.post(content)
                self.assertEqual(comment.text, TEXT)
                item_url = f"{content.absolute_url()}/@comments/{comment.comment_id}"
                listed = self.member.get(f"{content.absolute_url()}/@comments")
                read = [
                    i
                    for i in listed.json()["items"]
                    if i["comment_id"] == str(comment.comment_id)
                ][0]
                self.assertEqual(
                    read["text"], {"data": TEXT, "mime-type": "text/plain"}
                )
                for _round in range(2):
                    response = self.editor(name).patch(
                        item_url, json={"text": read["text"]["data"]}
                    )
                    self.assertEqual(response.status_code, 204, response.text)
                    again = self.stored(content)[-1]
                    self.assertEqual(again.text, TEXT)
                    self.assertEqual(again.mime_type, "text/plain")
                self.assertEqual(self.member.get(item_url).json()["text"]["data"], TEXT)

    def test_the_page_shows_what_the_author_wrote_after_a_rest_edit(self):
        for name, content in self.targets().items():
            with self.subTest(name):
                comment = self.post(content)
                item_url = f"{content.absolute_url()}/@comments/{comment.comment_id}"
                text = self.member.get(item_url).json()["text"]["data"]
                response = self.editor(name).patch(item_url, json={"text": text})
                self.assertEqual(response.status_code, 204, response.text)
                html = self.page(content).contents
                self.assertIn(escape("a < b & c", quote=False), html)
                self.assertIn("日本語, Ελληνικά, العربية, русский", html)
                self.assertIn("&lt;b&gt;not bold&lt;/b&gt;", html)
                self.assertNotIn("&amp;lt;", html)
                self.assertNotIn("&lt;p&gt;", html)

    def test_group_comments_carry_their_html_and_group_fields(self):
        comment = self.post(self.group)
        item = self.member.get(
            f"{self.group.absolute_url()}/@comments/{comment.comment_id}"
        ).json()
        self.assertTrue(item["text_html"].startswith("<p>a &lt; b &amp; c"))
        self.assertNotIn("<b>", item["text_html"])
        for field in ("guiding_question", "language", "review_state", "author_country"):
            self.assertIn(field, item)

    def test_document_comments_are_plone_restapi_s_own(self):
        comment = self.post(self.document)
        item = self.member.get(
            f"{self.document.absolute_url()}/@comments/{comment.comment_id}"
        ).json()
        self.assertEqual(item["text"]["data"], TEXT)
        for field in ("text_html", "guiding_question", "language", "author_country"):
            self.assertNotIn(field, item)


class TestPageEditRoundTrip(RoundTripTestCase):
    def test_saving_the_edit_form_unchanged_keeps_the_text(self):
        for name, content in self.targets().items():
            with self.subTest(name):
                comment = self.post(content)
                browser = self.page(content)
                browser.open(
                    f"{content.absolute_url()}/++conversation++default/"
                    f"{comment.comment_id}/@@edit-comment"
                )
                self.assertEqual(browser.headers["status"], "200 OK")
                field = browser.getControl(name="form.widgets.text")
                self.assertEqual(
                    field.value.replace("\r\n", "\n"), TEXT.replace("\r\n", "\n")
                )
                browser.getControl(name="form.buttons.comment").click()
                stored = self.stored(content)[-1].text
                self.assertEqual(
                    stored.replace("\r\n", "\n"), TEXT.replace("\r\n", "\n")
                )
                self.assertNotIn("&lt;", stored)
