"""Fixtures of the bad-input tests: the messages they expect, a check that
a message is translated, and base classes with a forum, a second member
and a comment to aim at."""

from collab.portal import _
from collab.portal.comments.limits import recording_history
from datetime import datetime
from datetime import UTC
from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from urllib.parse import urlencode
from zope.component import createObject
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


def reply(group, author, text, parent):
    """A published reply by ``author`` under ``parent``, stored directly."""
    comment = createObject("plone.Comment")
    comment.text, comment.mime_type, comment.in_reply_to = text, "text/plain", parent
    comment.creator = comment.author_username = comment.author_name = author
    comment.creation_date = comment.modification_date = datetime.now(UTC)
    with recording_history():
        return IConversation(group).addComment(comment)


class InputsTestCase(ForumTestCase):
    def setUp(self):
        super().setUp()
        api.user.create(email="m2@example.org", username="member2", password=PASSWORD)
        self.group = self.forum["monitoring"]
        self.public = add_comment(self.group, "member", "Public.")
        self.pending = add_comment(self.group, "member", "Waiting.", pending=True)
        self.rejected = add_comment(self.group, "member", "Rejected.")
        self.under_pending = reply(self.group, "member", "Under it.", self.pending)
        with api.env.adopt_roles(["Manager"]):
            conversation = IConversation(self.group)
            api.content.transition(conversation[self.rejected], transition="reject")
        transaction.commit()
        self.group_url = self.group.absolute_url()

    def session(self, login, language="es"):
        return rest_session(self.portal.absolute_url(), login, language)

    def texts(self):
        transaction.begin()
        return sorted(
            c.text for c in IConversation(self.forum["monitoring"]).getComments()
        )

    def assert_message(self, response, status, message, language="es"):
        self.assertEqual(response.status_code, status, response.text)
        self.assertIn(in_language(message, language), response.json()["message"])

    def form_post(self, login, url, data, language="en"):
        browser = self.browser(login, language)
        with api.env.adopt_user(username=login):
            data = dict(data, _authenticator=createToken())
        browser.post(url, urlencode(data))
        return browser
