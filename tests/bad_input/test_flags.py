"""Bad flags on REST and on the page: refused in the reader's language,
no flag stored."""

from bad_input.helpers import BadInputTestCase
from bad_input.helpers import in_language
from bad_input.helpers import NO_COMMENT
from bad_input.helpers import NOT_JSON
from collab.portal import _
from collab.portal.comments.flags import flaggers
from forum.helpers import make_forum
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
import transaction


class TestFlags(BadInputTestCase):
    """``POST <group>/@flag-comment`` and the page's ``@@flag-comment``."""

    def flags(self):
        transaction.begin()
        return list(flaggers(IConversation(self.group)[self.comment_id]))

    def test_rest(self):
        url = f"{self.group_url}/@flag-comment"
        own = self.session("member", "es").post(
            url, json={"comment_id": str(self.comment_id)}
        )
        self.assert_error(own, 403, _("You cannot flag your own comment."), "es")
        session = self.session("member2", "fr")
        for body in ({}, {"comment_id": None}, {"comment_id": True}, {"id": "1"}):
            with self.subTest(body=body):
                self.assert_error(
                    session.post(url, json=body),
                    400,
                    _("Send the comment_id to flag."),
                    "fr",
                )
        for data in ("{bad", "[1]"):
            with self.subTest(data=data):
                response = session.post(
                    url, data=data, headers={"Content-Type": "application/json"}
                )
                self.assert_error(response, 400, NOT_JSON, "fr")
        for comment_id in ("999", "abc", "12.5", 999):
            with self.subTest(comment_id=comment_id):
                response = session.post(url, json={"comment_id": comment_id})
                self.assert_error(response, 404, NO_COMMENT, "fr")
        self.assertEqual(self.flags(), [])
        first = session.post(url, json={"comment_id": str(self.comment_id)})
        self.assertEqual(first.status_code, 200, first.text)
        again = session.post(url, json={"comment_id": str(self.comment_id)})
        self.assert_error(again, 409, _("You have already flagged this comment."), "fr")
        self.assertEqual(self.flags(), ["member2"])

    def test_page(self):
        es_group = make_forum(self.portal["es"])["monitoring"]
        comment_id = add_comment(es_group, "member", "Mío.")
        transaction.commit()
        url = f"{es_group.absolute_url()}/@@flag-comment"

        def flag(login, comment_id):
            browser = self.browser(login, "es")
            data = {"comment_id": str(comment_id), "flag": "1"}
            self.form_post(browser, url, data, login)
            return browser

        for login, target, status, message in (
            ("member", comment_id, 403, _("You cannot flag your own comment.")),
            ("member2", 999, 404, NO_COMMENT),
        ):
            with self.subTest(login=login, status=status):
                browser = flag(login, target)
                self.assertEqual(self.status(browser), status)
                self.assertIn(in_language(message, "es"), browser.contents)
        self.assertEqual(self.status(flag("member2", comment_id)), 200)
        browser = flag("member2", comment_id)
        self.assertEqual(self.status(browser), 409)
        message = _("You have already flagged this comment.")
        self.assertIn(in_language(message, "es"), browser.contents)
        transaction.begin()
        self.assertEqual(
            list(flaggers(IConversation(es_group)[comment_id])), ["member2"]
        )
