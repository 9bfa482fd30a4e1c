"""Any content can be a comment host: a Document with a two-line policy
(``host_helpers``) gets comments with its own field on the page and over
REST, the engine's limits in neutral words, and the export column; and
``comments/`` itself names no forum idea."""

from collab.portal.comments.authors import author_key
from collab.portal.comments.export import columns
from collab.portal.comments.export import export_rows
from collab.portal.comments.interfaces import ICommentListener
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.stats import comment_stats
from collab.portal.errors import TooManyRequests
from collab.portal.testing import FUNCTIONAL_TESTING
from comments.host_helpers import add_as_anonymous
from comments.host_helpers import guest_host
from comments.host_helpers import GuestNotePolicy
from comments.host_helpers import HEARD
from comments.host_helpers import HookedNotePolicy
from comments.host_helpers import IHookedNoteHost
from comments.host_helpers import Listener
from comments.host_helpers import NoteHostFixture
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import logout
from portal_helpers import page_browser
from portal_helpers import rest_session
from Products.DCWorkflow.utils import modifyRolesForPermission
from zExceptions import Forbidden
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
import pathlib
import re
import transaction
import unittest


ENGINE = pathlib.Path(__file__).resolve().parents[2] / "src/collab/portal/comments"


FORUM_IDEAS = ("guiding", "question", "forum", "group", "window", "schedule")


class TestEngineNamesNoFeature(unittest.TestCase):
    def test_no_forum_idea_in_the_engine(self):
        files = [p for p in ENGINE.rglob("*") if p.suffix in (".py", ".pt", ".zcml")]
        self.assertIn(ENGINE / "limits.py", files)
        for path in files:
            text = path.read_text("utf-8").lower()
            # "Translation group" is plone.app.multilingual's, not a forum's.
            text = text.replace("translation group", "")
            for idea in FORUM_IDEAS:
                with self.subTest(path=path.name, idea=idea):
                    self.assertIsNone(re.search(rf"\b{idea}", text))


class TestNoteHost(NoteHostFixture, unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()
        self.session = rest_session(self.portal.absolute_url(), "member")
        self.url = f"{self.document.absolute_url()}/@comments"

    def comments(self):
        transaction.begin()
        return list(IConversation(self.document).getComments())

    def test_rest_stores_and_serializes_the_field(self):
        response = self.session.post(
            self.url, json={"text": "Too long.", "paragraph": "p3"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        [comment] = self.comments()
        self.assertEqual(comment.paragraph, "p3")
        items = self.session.get(self.url).json()["items"]
        self.assertEqual(items[0]["paragraph"], "p3")
        self.assertEqual(items[0]["text_html"].count("Too long."), 1)

    def test_rest_refuses_a_bad_value_and_stores_nothing(self):
        response = self.session.post(
            self.url, json={"text": "Too long.", "paragraph": "§9"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("No paragraph §9 here.", response.json()["message"])
        self.assertEqual(self.comments(), [])

    def test_page_shows_the_form_field_and_the_line(self):
        self.session.post(self.url, json={"text": "Too long.", "paragraph": "p3"})
        browser = page_browser(self.layer["app"], "member")
        browser.open(self.document.absolute_url())
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn('name="form.widgets.paragraph"', browser.contents)
        self.assertIn('class="comment-paragraph', browser.contents)
        self.assertIn("¶ p3", browser.contents)

    def test_page_form_stores_the_field(self):
        browser = page_browser(self.layer["app"], "member")
        browser.open(self.document.absolute_url())
        browser.getControl(name="form.widgets.paragraph").value = "p7"
        browser.getControl(name="form.widgets.text").value = "From the page."
        browser.getControl(name="form.buttons.comment").click()
        self.assertEqual(browser.headers["status"], "200 OK")
        [comment] = self.comments()
        self.assertEqual(comment.paragraph, "p7")

    def test_rate_limit_in_the_engine_words(self):
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1)
        transaction.commit()
        first = self.session.post(self.url, json={"text": "One."})
        self.assertEqual(first.status_code, 204, first.text)
        second = self.session.post(self.url, json={"text": "Two."})
        self.assertEqual(second.status_code, 429, second.text)
        message = second.json()["message"]
        self.assertIn("You have posted 1 comments in the last minute", message)
        self.assertNotIn("discussion group", message)
        self.assertEqual(len(self.comments()), 1)

    def test_rest_refusals_say_why(self):
        """A member without "Reply to item" gets 403 and a reason, not
        plone.restapi's 401 "Anonymous user tries..."; a visitor 401."""
        modifyRolesForPermission(self.document, "Reply to item", ("Manager",))
        transaction.commit()
        refused = self.session.post(self.url, json={"text": "Not mine to say."})
        self.assertEqual(refused.status_code, 403, refused.text)
        self.assertEqual(refused.json()["message"], "You may not comment here.")
        anonymous = rest_session(self.portal.absolute_url())
        response = anonymous.post(self.url, json={"text": "Who am I?"})
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self.comments(), [])

    def test_rest_refusal_of_a_closed_host_in_the_engine_words(self):
        guest_host(self, self.document)
        GuestNotePolicy.closed = True
        transaction.commit()
        refused = self.session.post(self.url, json={"text": "Late."})
        self.assertEqual(refused.status_code, 403, refused.text)
        self.assertEqual(refused.json()["message"], "Comments are not open here now.")
        self.assertEqual(self.comments(), [])

    def test_export_has_the_field_column(self):
        self.session.post(self.url, json={"text": "Too long.", "paragraph": "p3"})
        transaction.begin()
        keys = [key for key, _header in columns(self.document)]
        self.assertEqual(keys[3], "paragraph")
        [row] = export_rows(self.document)
        self.assertEqual(row["paragraph"], "¶ p3")


class TestGuestAuthor(NoteHostFixture, unittest.TestCase):
    """A guest the policy recognises writes under ``guest:<token id>``,
    with the contact's name, organisation and country, and has a rate
    limit of its own."""

    layer = FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        guest_host(self, self.document)
        api.portal.set_registry_record("collab.portal.comments_per_minute", 2)
        logout()

    def test_guest_key_and_details(self):
        cid = add_as_anonymous(self.document, "Hi")
        comment = IConversation(self.document)[cid]
        self.assertEqual(author_key(comment), "guest:tok1")
        self.assertEqual(comment.author_name, "Ana Guest")
        self.assertEqual(comment.author_organisation, "Ministry of Water")
        self.assertEqual(comment.author_country, "KE")

    def test_a_guest_takes_part(self):
        add_as_anonymous(self.document, "By link")
        add_as_anonymous(self.document, "Signed in", userid="guest:tok1")
        holder = ICommentPolicy(self.document).conversation_holder()
        stats = comment_stats(IConversation(holder))
        self.assertEqual(stats.participants(), ["guest:tok1"])
        self.assertEqual(stats.country_counts(), {"KE": 2})

    def test_a_guest_signed_in_as_a_principal(self):
        """A feature may sign its guests in (a PAS principal named
        ``guest:<token id>``): the same key, the details from the policy,
        the same limit."""
        cid = add_as_anonymous(self.document, "Signed in", userid="guest:tok1")
        comment = IConversation(self.document)[cid]
        self.assertEqual(author_key(comment), "guest:tok1")
        self.assertIsNone(getattr(comment, "author_token", None))
        self.assertEqual(comment.author_name, "Ana Guest")
        self.assertEqual(comment.author_organisation, "Ministry of Water")
        self.assertEqual(comment.author_country, "KE")
        add_as_anonymous(self.document, "By link")
        with self.assertRaises(TooManyRequests):
            add_as_anonymous(self.document, "Third", userid="guest:tok1")
        self.assertEqual(len(IConversation(self.document)), 2)

    def test_guest_rate_limit(self):
        add_as_anonymous(self.document, "One")
        add_as_anonymous(self.document, "Two")
        with self.assertRaises(TooManyRequests):
            add_as_anonymous(self.document, "Three")
        self.assertEqual(len(IConversation(self.document)), 2)

    def test_closed_in_the_engine_words(self):
        GuestNotePolicy.closed = True
        with self.assertRaises(Forbidden) as refused:
            add_as_anonymous(self.document, "Late")
        self.assertEqual(str(refused.exception), "Comments are not open here now.")
        self.assertEqual(len(IConversation(self.document)), 0)


class TestHooks(NoteHostFixture, unittest.TestCase):
    """The engine's one handler per event calls the policy, then the
    listeners, after its own steps."""

    layer = FUNCTIONAL_TESTING

    def test_policy_then_listeners_hear_each_event(self):
        registry = getGlobalSiteManager()
        registry.registerAdapter(HookedNotePolicy)
        self.addCleanup(registry.unregisterAdapter, HookedNotePolicy)
        alsoProvides(self.document, IHookedNoteHost)
        registry.registerSubscriptionAdapter(Listener, (IComment,), ICommentListener)
        self.addCleanup(
            registry.unregisterSubscriptionAdapter,
            Listener,
            (IComment,),
            ICommentListener,
        )
        del HEARD[:]
        add_as_anonymous(self.document, "Heard.")
        self.assertEqual(
            HEARD,
            [
                ("policy", "ObjectWillBeAddedEvent"),
                ("listener", "ObjectWillBeAddedEvent"),
                # plone.app.discussion enters the workflow before "added".
                ("policy", "AfterTransitionEvent"),
                ("listener", "AfterTransitionEvent"),
                ("policy", "ObjectAddedEvent"),
                ("listener", "ObjectAddedEvent"),
            ],
        )
