"""Replies to what one cannot read or to what does not exist, on the page
and over REST."""

from bad_input.helpers import InputsTestCase
from bad_input.helpers import NO_COMMENT
from collab.portal import _
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
import transaction


class TestReplyParent(InputsTestCase):
    """Points 4 and 10: what a reply may answer."""

    def test_rest_unreadable_answered_as_unknown(self):
        session = self.session("member2")
        before = self.texts()
        for parent in (
            self.pending,
            self.rejected,
            self.under_pending,
            999,
            "999",
            10**30,
        ):
            with self.subTest(parent=parent):
                response = session.post(
                    f"{self.group_url}/@comments",
                    json={"text": "Peek.", "in_reply_to": parent},
                )
                self.assert_message(response, 404, NO_COMMENT)
        for parent in (self.pending, self.rejected):
            with self.subTest(url_parent=parent):
                response = session.post(
                    f"{self.group_url}/@comments/{parent}", json={"text": "Peek."}
                )
                self.assert_message(response, 404, NO_COMMENT)
        self.assertEqual(self.texts(), before)

    def test_rest_wrong_types(self):
        message = _(
            "comment_in_reply_to_invalid",
            default="Send in_reply_to as the id of the comment you answer.",
        )
        before = self.texts()
        for parent in ([self.public], {"id": 1}, 1.5, True, "12a"):
            with self.subTest(parent=parent):
                response = self.session("member2", "fr").post(
                    f"{self.group_url}/@comments",
                    json={"text": "Odd.", "in_reply_to": parent},
                )
                self.assert_message(response, 400, message, "fr")
        self.assertEqual(self.texts(), before)

    def test_rest_readable_parents_taken(self):
        """A number or a string naming a public comment; the author's own
        waiting comment (they may read it)."""
        for login, parent in (
            ("member2", self.public),
            ("member2", str(self.public)),
            ("member", self.pending),
        ):
            with self.subTest(login=login, parent=parent):
                response = self.session(login).post(
                    f"{self.group_url}/@comments",
                    json={"text": f"Re {parent}.", "in_reply_to": parent},
                )
                self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        replies = [
            c.in_reply_to
            for c in IConversation(self.group).getComments()
            if c.text.startswith("Re ")
        ]
        self.assertEqual(replies, [self.public, self.public, self.pending])

    def test_page_form(self):
        """The hidden field names a comment the member cannot read, or one
        deleted while the form was open: the 404 page, nothing stored."""
        with api.env.adopt_roles(["Manager"]):
            deleted = add_comment(self.group, "member", "Gone soon.")
            del IConversation(self.group)[deleted]
        transaction.commit()
        before = self.texts()
        for parent in (self.pending, self.rejected, deleted):
            with self.subTest(parent=parent):
                browser = self.form_post(
                    "member2",
                    self.group_url,
                    {
                        "form.widgets.text": "Peek.",
                        "form.widgets.in_reply_to": str(parent),
                        "form.buttons.comment": "Comment",
                    },
                )
                self.assertEqual(browser.headers["status"].split()[0], "404")
                self.assertIn("There is no such comment.", browser.contents)
        self.assertEqual(self.texts(), before)
        self.form_post(
            "member2",
            self.group_url,
            {
                "form.widgets.text": "Fine reply.",
                "form.widgets.in_reply_to": str(self.public),
                "form.buttons.comment": "Comment",
            },
        )
        self.assertIn("Fine reply.", self.texts())
