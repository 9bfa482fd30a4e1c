"""Bad input on every form and REST endpoint of the forum feature.

Each case checks three things: a clear error (a 4xx status and, on REST, a
JSON ``message``; on the page, a message the reader sees), in the reader's
language (requests speak es or fr and the English text must not come back)
and nothing stored. Where a refusal could pass for the wrong reason (a form
filled in wrongly), the same request with good input is shown to work.
"""

from collab.portal import _
from collab.portal.comments.flags import flaggers
from datetime import datetime
from forum.helpers import ForumTestCase
from forum.helpers import make_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from urllib.parse import urlencode
from zope.i18n import translate
import transaction


WINDOW_REVERSED = _("The closing time must be after the opening time.")
NOT_JSON = _("Send a JSON object.")
TEXT_REQUIRED = _(
    "comment_text_required",
    default="Send the text of the comment as a non-empty string.",
)
NO_COMMENT = _("There is no such comment.")
TOO_LONG = _(
    "comment_too_long",
    default="A comment may have at most ${limit} characters.",
    mapping={"limit": 100},
)


def in_language(message, language):
    """The catalogue's text; refuses an untranslated message, whose test
    would otherwise pass on the English text."""
    english = translate(message, target_language="en")
    text = translate(message, target_language=language)
    assert text != english, f"{message!r} is not translated to {language}"
    return text


class BadInputTestCase(ForumTestCase):
    def setUp(self):
        super().setUp()
        api.portal.set_registry_record("collab.portal.comment_max_length", 100)
        api.user.create(
            email="m2@example.org",
            username="member2",
            password=PASSWORD,
            roles=["Member"],
        )
        self.group = self.forum["monitoring"]
        self.comment_id = add_comment(self.group, "member", "Mine.")
        transaction.commit()
        self.group_url = self.group.absolute_url()

    def session(self, login, language):
        return rest_session(self.portal.absolute_url(), login, language)

    def assert_error(self, response, status, message, language):
        """The status, a JSON message in ``language`` and not in English."""
        self.assertEqual(response.status_code, status, response.text)
        body = response.json()
        text = body.get("message") or body.get("error", {}).get("message", "")
        self.assertIn(in_language(message, language), text)
        self.assertNotIn(translate(message, target_language="en"), text)

    def texts(self):
        transaction.begin()
        return [c.text for c in IConversation(self.forum["monitoring"]).getComments()]

    def status(self, browser):
        return int(browser.headers["status"].split()[0])

    def form_post(self, browser, url, data, login):
        """What a page form sends, with the CSRF token it carries."""
        with api.env.adopt_user(username=login):
            data = dict(data, _authenticator=createToken())
        browser.post(url, urlencode(data))


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


class TestMemberFields(BadInputTestCase):
    """``PATCH /@users/<id>``: country and organisation."""

    def test_refused(self):
        session = self.session("member", "es")
        url = f"{self.portal.absolute_url()}/@users/member"
        country = _("Choose a country by its ISO 3166 two-letter code.")
        organisation = _("The organisation is one line of at most 200 characters.")
        for body, message in (
            ({"country": "XX"}, country),
            ({"country": "de"}, country),
            ({"country": 5}, country),
            ({"country": ["DE"]}, country),
            ({"organisation": "Two\nlines"}, organisation),
            ({"organisation": "x" * 201}, organisation),
            ({"organisation": 5}, organisation),
        ):
            with self.subTest(body=body):
                self.assert_error(session.patch(url, json=body), 400, message, "es")
        for data in ("{bad", "[1]"):
            with self.subTest(data=data):
                response = session.patch(
                    url, data=data, headers={"Content-Type": "application/json"}
                )
                self.assert_error(response, 400, NOT_JSON, "es")
        transaction.begin()
        member = api.user.get(username="member")
        self.assertFalse(member.getProperty("country"))
        self.assertFalse(member.getProperty("organisation"))

    def test_registration_refused(self):
        """``POST /@users`` by an anonymous visitor signing up: no account."""
        session = self.session(None, "fr")
        url = f"{self.portal.absolute_url()}/@users"
        account = {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password": "Newcomer-Pass-2026",
        }
        country = _("Choose a country by its ISO 3166 two-letter code.")
        organisation = _("The organisation is one line of at most 200 characters.")
        for extra, message in (
            ({"country": "XX"}, country),
            ({"country": 5}, country),
            ({"organisation": "Two\nlines"}, organisation),
        ):
            with self.subTest(extra=extra):
                response = session.post(url, json={**account, **extra})
                self.assert_error(response, 400, message, "fr")
        transaction.begin()
        self.assertIsNone(api.user.get(username="newcomer"))
        response = session.post(url, json={**account, "country": "SN"})
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        self.assertEqual(api.user.get(username="newcomer").getProperty("country"), "SN")


class TestExportFormat(BadInputTestCase):
    """``@@export-comments?format=…`` on the page and for REST clients."""

    def test_unknown_format(self):
        message = _("unknown_export_format", default="Export as csv, xlsx or docx.")
        session = self.session("editor", "fr")
        for fmt in ("pdf", "", "CSV"):
            with self.subTest(fmt=fmt):
                response = session.get(
                    f"{self.group_url}/@@export-comments", params={"format": fmt}
                )
                self.assert_error(response, 400, message, "fr")
        es_group = make_forum(self.portal["es"])["monitoring"]
        transaction.commit()
        browser = self.browser("editor", "es")
        browser.open(f"{es_group.absolute_url()}/@@export-comments?format=pdf")
        self.assertEqual(self.status(browser), 400)
        self.assertIn(in_language(message, "es"), browser.contents)


WINDOW = {"opens": "2030-01-02T10:00:00+00:00", "closes": "2030-01-09T10:00:00+00:00"}
REVERSED = {"opens": WINDOW["closes"], "closes": WINDOW["opens"]}


class TestWindowREST(BadInputTestCase):
    """Adding and changing forums and groups through REST, as a site
    administrator (editors' own adding is in test_forum)."""

    def test_add_with_window_reversed(self):
        for container, portal_type, language in (
            (self.forum, "DiscussionGroup", "es"),
            (self.portal["en"], "Forum", "fr"),
        ):
            with self.subTest(portal_type=portal_type):
                session = self.session("siteadmin", language)
                before = list(container.objectIds())
                body = {"@type": portal_type, "title": "Backwards", **REVERSED}
                response = session.post(container.absolute_url(), json=body)
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                transaction.begin()
                self.assertEqual(list(container.objectIds()), before)
                body = {"@type": portal_type, "title": "Forwards", **WINDOW}
                response = session.post(container.absolute_url(), json=body)
                self.assertEqual(response.status_code, 201, response.text)

    def test_add_with_wrong_types(self):
        """plone.restapi's own messages (in English) say what is wrong."""
        session = self.session("siteadmin", "es")
        before = list(self.forum.objectIds())
        for extra in (
            {"opens": "abc"},
            {"opens": 5},
            {"guiding_questions": 5},
            {"guiding_questions": [5]},
        ):
            with self.subTest(extra=extra):
                body = {"@type": "DiscussionGroup", "title": "G", **WINDOW, **extra}
                response = session.post(self.forum_url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        transaction.begin()
        self.assertEqual(list(self.forum.objectIds()), before)

    def test_change_window(self):
        """A window stored by the clock or a script (datetime.UTC, as
        make_forum does) can be changed, and not turned around."""
        for obj, language in ((self.forum["coordination"], "es"), (self.forum, "fr")):
            with self.subTest(obj=obj.portal_type):
                session = self.session("siteadmin", language)
                opens, closes = obj.opens, obj.closes
                response = session.patch(obj.absolute_url(), json=REVERSED)
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                response = session.patch(
                    obj.absolute_url(), json={"closes": "2000-01-01T00:00:00Z"}
                )
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                transaction.begin()
                self.assertEqual((obj.opens, obj.closes), (opens, closes))
                response = session.patch(obj.absolute_url(), json=WINDOW)
                self.assertEqual(response.status_code, 204, response.text)
                transaction.begin()
                self.assertEqual(obj.closes.isoformat(), WINDOW["closes"])


class TestWindowForms(BadInputTestCase):
    """The Dexterity add and edit forms of the Classic UI, in Spanish."""

    def setUp(self):
        super().setUp()
        self.es_forum = make_forum(self.portal["es"])
        transaction.commit()

    def fill(self, browser, opens, closes, title=None):
        if title is not None:
            browser.getControl(name="form.widgets.IDublinCore.title").value = title
        browser.getControl(name="form.widgets.opens").value = opens
        browser.getControl(name="form.widgets.closes").value = closes
        browser.getControl(name="form.buttons.save").click()

    def assert_refused(self, browser):
        self.assertEqual(self.status(browser), 200)
        self.assertIn(in_language(WINDOW_REVERSED, "es"), browser.contents)
        self.assertNotIn(
            translate(WINDOW_REVERSED, target_language="en"), browser.contents
        )

    def test_add_forms(self):
        for container, portal_type in (
            (self.es_forum, "DiscussionGroup"),
            (self.portal["es"], "Forum"),
        ):
            with self.subTest(portal_type=portal_type):
                before = list(container.objectIds())
                browser = self.browser("siteadmin", "es")
                browser.open(f"{container.absolute_url()}/++add++{portal_type}")
                self.fill(browser, "2030-01-09T10:00", "2030-01-02T10:00", "Al revés")
                self.assert_refused(browser)
                transaction.begin()
                self.assertEqual(list(container.objectIds()), before)
                self.fill(browser, "2030-01-02T10:00", "2030-01-09T10:00")
                transaction.begin()
                self.assertEqual(len(container.objectIds()), len(before) + 1)

    def test_edit_forms(self):
        for obj in (self.es_forum["coordination"], self.es_forum):
            with self.subTest(portal_type=obj.portal_type):
                opens, closes = obj.opens, obj.closes
                browser = self.browser("siteadmin", "es")
                browser.open(f"{obj.absolute_url()}/@@edit")
                self.fill(browser, "2030-01-09T10:00", "2030-01-02T10:00")
                self.assert_refused(browser)
                transaction.begin()
                self.assertEqual((obj.opens, obj.closes), (opens, closes))
