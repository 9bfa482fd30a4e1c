"""Bad comments on REST (``POST``/``PATCH <group>/@comments``) and on the
page forms: a clear error in the reader's language, nothing stored."""

from bad_input.helpers import BadInputTestCase
from bad_input.helpers import in_language
from bad_input.helpers import NO_COMMENT
from bad_input.helpers import NOT_JSON
from bad_input.helpers import TEXT_REQUIRED
from bad_input.helpers import TOO_LONG
from collab.portal import _
from datetime import datetime
from forum.helpers import make_forum
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
import transaction


class TestCommentsREST(BadInputTestCase):
    """``POST`` and ``PATCH <group>/@comments``."""

    def test_text_missing_empty_or_not_a_string(self):
        session = self.session("member", "fr")
        for body in (
            {},
            {"text": ""},
            {"text": "   "},
            {"text": None},
            {"text": 5},
            {"text": ["a"]},
            {"text": {"data": "a"}},
        ):
            with self.subTest(body=body):
                response = session.post(f"{self.group_url}/@comments", json=body)
                self.assert_error(response, 400, TEXT_REQUIRED, "fr")
        self.assertEqual(self.texts(), ["Mine."])

    def test_malformed_or_not_an_object(self):
        session = self.session("member", "es")
        for data in ("{not json", "[1, 2]", '"text"', "null"):
            with self.subTest(data=data):
                response = session.post(
                    f"{self.group_url}/@comments",
                    data=data,
                    headers={"Content-Type": "application/json"},
                )
                self.assert_error(response, 400, NOT_JSON, "es")
        self.assertEqual(self.texts(), ["Mine."])

    def test_too_long(self):
        response = self.session("member", "es").post(
            f"{self.group_url}/@comments", json={"text": "x" * 101}
        )
        self.assert_error(response, 400, TOO_LONG, "es")
        self.assertEqual(self.texts(), ["Mine."])

    def test_unknown_guiding_question(self):
        session = self.session("member", "fr")
        for question in ("abc", 99, 0, -1, "2", True, [1], 1.5):
            with self.subTest(question=question):
                response = session.post(
                    f"{self.group_url}/@comments",
                    json={"text": "Lost.", "guiding_question": question},
                )
                message = _(
                    "unknown_guiding_question",
                    default="This discussion group has no guiding question ${number}.",
                    mapping={"number": str(question)[:20]},
                )
                self.assert_error(response, 400, message, "fr")
        self.assertEqual(self.texts(), ["Mine."])

    def test_reply_to_unknown_comment(self):
        session = self.session("member", "es")
        for comment_id in ("999", "abc"):
            with self.subTest(comment_id=comment_id):
                response = session.post(
                    f"{self.group_url}/@comments/{comment_id}", json={"text": "Hm."}
                )
                self.assert_error(response, 404, NO_COMMENT, "es")
        self.assertEqual(self.texts(), ["Mine."])

    def test_edit_with_bad_text(self):
        session = self.session("member", "fr")
        url = f"{self.group_url}/@comments/{self.comment_id}"
        for body, message in (
            ({"text": ""}, TEXT_REQUIRED),
            ({"text": 5}, TEXT_REQUIRED),
            ({"text": ["a"]}, TEXT_REQUIRED),
            ({"text": "x" * 101}, TOO_LONG),
        ):
            with self.subTest(body=body):
                self.assert_error(session.patch(url, json=body), 400, message, "fr")
        response = session.patch(
            url, data="{bad", headers={"Content-Type": "application/json"}
        )
        self.assert_error(response, 400, NOT_JSON, "fr")
        response = session.patch(f"{self.group_url}/@comments/999", json={"text": "a"})
        self.assert_error(response, 404, NO_COMMENT, "fr")
        self.assertEqual(self.texts(), ["Mine."])
        # The same request with good text is taken.
        self.assertEqual(session.patch(url, json={"text": "Mine!"}).status_code, 204)
        self.assertEqual(self.texts(), ["Mine!"])


class TestScriptIsSanitised(BadInputTestCase):
    def test_script_from_page_and_rest(self):
        """Stored as sent, shown as harmless text on the page and REST."""
        attack = '<script>alert("x")</script><img src=x onerror=alert(1)> Fine.'
        session = self.session("member", "en")
        self.assertEqual(
            session.post(
                f"{self.group_url}/@comments", json={"text": attack}
            ).status_code,
            204,
        )
        browser = self.browser("member2")
        self.form_post(
            browser,
            self.group_url,
            {"form.widgets.text": attack, "form.buttons.comment": "Comment"},
            "member2",
        )
        self.assertEqual(self.texts().count(attack), 2)
        browser = self.browser()
        browser.open(self.group_url)
        self.assertEqual(browser.contents.count("Fine."), 2)
        # Escaped text may still read "onerror=": no tag, so nothing runs.
        for tag in ("<script>alert", "<img src=x"):
            self.assertNotIn(tag, browser.contents)
        items = session.get(f"{self.group_url}/@comments").json()["items"]
        for item in items[1:]:
            self.assertIn("Fine.", item["text_html"])
            for tag in ("<script", "<img"):
                self.assertNotIn(tag, item["text_html"])


class TestCommentForms(BadInputTestCase):
    """The comment and edit forms of the page, on the Spanish forum."""

    def setUp(self):
        super().setUp()
        self.es_group = make_forum(self.portal["es"])["monitoring"]
        self.es_comment = add_comment(self.es_group, "member", "Mío.")
        transaction.commit()
        self.es_url = self.es_group.absolute_url()

    def es_texts(self):
        transaction.begin()
        return [c.text for c in IConversation(self.es_group).getComments()]

    def post(self, url, text, button):
        browser = self.browser("member", "es")
        self.form_post(
            browser,
            url,
            {"form.widgets.text": text, f"form.buttons.{button}": "x"},
            "member",
        )
        return browser

    def assert_form_error(self, browser):
        """z3c.form's own message, in Spanish, next to the field."""
        self.assertEqual(self.status(browser), 200)
        self.assertIn("invalid-feedback", browser.contents)
        self.assertIn("Faltan datos obligatorios.", browser.contents)
        self.assertNotIn("Required input is missing.", browser.contents)

    def assert_shown(self, browser, status, message):
        self.assertEqual(self.status(browser), status)
        self.assertIn(in_language(message, "es"), browser.contents)
        # The reason alone, not the template trace of the viewlet.
        self.assertNotIn("Expression", browser.contents)

    def test_comment_form(self):
        for text in ("", "   "):
            with self.subTest(text=text):
                self.assert_form_error(self.post(self.es_url, text, "comment"))
        self.assert_shown(self.post(self.es_url, "x" * 101, "comment"), 400, TOO_LONG)
        self.assertEqual(self.es_texts(), ["Mío."])
        self.post(self.es_url, "Bien.", "comment")
        self.assertEqual(self.es_texts(), ["Mío.", "Bien."])

    def test_unknown_guiding_question(self):
        """A stale or crafted form naming a question the group lacks."""
        for question in ("99", "abc", "0"):
            with self.subTest(question=question):
                browser = self.browser("member", "es")
                self.form_post(
                    browser,
                    self.es_url,
                    {
                        "form.widgets.text": "Perdido.",
                        "form.widgets.guiding_question": question,
                        "form.buttons.comment": "x",
                    },
                    "member",
                )
                self.assertEqual(self.status(browser), 200)
                self.assertIn("invalid-feedback", browser.contents)
                message = _(
                    "unknown_guiding_question",
                    default="This discussion group has no guiding question ${number}.",
                    mapping={"number": question},
                )
                self.assertIn(in_language(message, "es"), browser.contents)
        self.assertEqual(self.es_texts(), ["Mío."])
        browser = self.browser("member", "es")
        self.form_post(
            browser,
            self.es_url,
            {
                "form.widgets.text": "Respuesta a la segunda.",
                "form.widgets.guiding_question": "2",
                "form.buttons.comment": "x",
            },
            "member",
        )
        transaction.begin()
        stored = [
            c
            for c in IConversation(self.es_group).getComments()
            if c.text == "Respuesta a la segunda."
        ]
        self.assertEqual([c.guiding_question for c in stored], [2])

    def test_edit_form(self):
        url = f"{self.es_url}/++conversation++default/{self.es_comment}/@@edit-comment"
        self.assert_form_error(self.post(url, "", "comment"))
        self.assert_shown(self.post(url, "x" * 101, "comment"), 400, TOO_LONG)
        self.assertEqual(self.es_texts(), ["Mío."])
        self.post(url, "Mío, corregido.", "comment")
        self.assertEqual(self.es_texts(), ["Mío, corregido."])

    def test_refused_after_the_window(self):
        self.es_group.closes = datetime.now(self.es_group.closes.tzinfo)
        transaction.commit()
        message = _("This discussion group is not open for comments.")
        self.assert_shown(self.post(self.es_url, "Tarde.", "comment"), 403, message)
        self.assertEqual(self.es_texts(), ["Mío."])
