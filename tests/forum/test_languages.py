"""One conversation across the language versions of a group, and hidden
comments that stay hidden on every one of them."""

from collab.portal.content.translations import translations
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from forum.helpers import ForumTestCase
from forum.helpers import site_path
from forum.helpers import translate_forum
from plone import api
from plone.testing.zope import Browser
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestOneConversationAcrossLanguages(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.es = translate_forum(self.forum, "es")
        transaction.commit()
        self.es_group = translations(self.forum["monitoring"])["es"]
        self.paths = ("en/capacity-forum/monitoring", site_path(self.es_group))

    def post(self, path, text, **extra):
        session = rest_session(self.portal.absolute_url(), "member")
        return session.post(
            url(session, f"{path}/@comments"), json={"text": text, **extra}
        )

    def test_editor_closes_extends_and_reopens_on_any_language(self):
        """By hand, through REST, on the Spanish version: the group (all its
        languages) closes; extended and reopened, it takes comments again."""
        editor = rest_session(self.portal.absolute_url(), "editor")
        es_group = url(editor, self.paths[1])
        response = editor.post(f"{es_group}/@workflow/close")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        for group in (self.forum["monitoring"], self.es_group):
            self.assertEqual(api.content.get_state(group), "closed", group)
        for path in self.paths:
            self.assertIn(self.post(path, "Too late.").status_code, (401, 403), path)
        later = (datetime.now(UTC) + timedelta(days=7)).isoformat()
        response = editor.patch(es_group, json={"closes": later})
        self.assertEqual(response.status_code, 204, response.text)
        response = editor.post(f"{es_group}/@workflow/open")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        for group in (self.forum["monitoring"], self.es_group):
            self.assertEqual(api.content.get_state(group), "open", group)
            self.assertGreater(group.closes, datetime.now(UTC) + timedelta(days=6))
        self.assertEqual(
            self.post("en/capacity-forum/monitoring", "Extended.").status_code, 204
        )
        self.assertEqual([c.text for c in self.comments("monitoring")], ["Extended."])
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic member:{PASSWORD}")
        browser.open(self.es_group.absolute_url())
        self.assertIn("form.buttons.comment", browser.contents)

    def test_comment_on_es_appears_on_en(self):
        self.assertEqual(
            self.post(
                self.paths[1],
                "Desde la versión española.",
                guiding_question=1,
            ).status_code,
            204,
        )
        self.assertEqual(
            self.post(
                "en/capacity-forum/monitoring", "From the English page."
            ).status_code,
            204,
        )
        session = rest_session(self.portal.absolute_url())
        for path in self.paths:
            items = session.get(url(session, f"{path}/@comments")).json()["items"]
            self.assertEqual(
                [(i["text_html"], i["language"]) for i in items],
                [
                    ("<p>Desde la versión española.</p>", "es"),
                    ("<p>From the English page.</p>", "en"),
                ],
                path,
            )
            self.assertEqual(items[0]["guiding_question"], 1)
            self.assertEqual(items[0]["guiding_question_text"], "What worked?")

    def test_page_of_other_language_shows_comment(self):
        self.post("en/capacity-forum/monitoring", "Seen everywhere.")
        browser = self.browser(language="es")
        browser.open(self.es_group.absolute_url())
        self.assertIn("Seen everywhere.", browser.contents)


class TestHiddenCommentsStayHidden(ForumTestCase):
    def test_rest_lists_only_visible_comments(self):
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        self.assertEqual(session.post(base, json={"text": "Visible."}).status_code, 204)
        self.assertEqual(session.post(base, json={"text": "Hidden."}).status_code, 204)
        transaction.begin()
        hidden = [c for c in self.comments("monitoring") if c.text == "Hidden."][0]
        self.assertEqual(
            session.post(
                f"{base}/{hidden.comment_id}", json={"text": "Reply to hidden."}
            ).status_code,
            204,
        )
        transaction.begin()
        hidden = [c for c in self.comments("monitoring") if c.text == "Hidden."][0]
        # Back to pending, as moderation and flags do.
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(hidden, transition="recall")
        transaction.commit()

        anonymous = rest_session(self.portal.absolute_url())
        data = anonymous.get(base).json()
        self.assertEqual([i["text_html"] for i in data["items"]], ["<p>Visible.</p>"])
        self.assertEqual(data["items_total"], 1)
        admin = rest_session(self.portal.absolute_url(), "manager")
        self.assertEqual(admin.get(base).json()["items_total"], 3)
