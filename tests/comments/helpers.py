"""Fixtures of the comment engine's tests: a long discussion posted over
REST by a member with an organisation and a country; a group in three
languages with three comments."""

from collab.portal.clock import tick
from collab.portal.content.translations import translations
from collab.portal.testing import FUNCTIONAL_TESTING
from comments.host_helpers import commentable_document
from forum.helpers import ForumTestCase
from forum.helpers import make_forum
from forum.helpers import site_path
from forum.helpers import translate_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from portal_helpers import add_comment
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
import re
import transaction
import unittest


class DiscussionTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        api.user.create(
            email="author@example.org",
            username="author",
            password=PASSWORD,
            roles=("Member",),
            properties={"organisation": "Ministry of Environment", "country": "KE"},
        )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        api.portal.set_registry_record("collab.portal.comments_page_size", 3)
        self.forum = make_forum(self.portal["en"])
        self.group = self.forum["monitoring"]
        transaction.commit()
        self.base = url(
            rest_session(self.portal.absolute_url()),
            "en/capacity-forum/monitoring/@comments",
        )

    def post(self, text, login="author", reply_to=None):
        session = rest_session(self.portal.absolute_url(), login)
        target = f"{self.base}/{reply_to}" if reply_to else self.base
        response = session.post(target, json={"text": text})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        return [c for c in IConversation(self.group).getComments() if c.text == text][
            0
        ].comment_id

    def discussion(self, threads=7):
        """Threads "T1".."Tn", each with one reply "R1".."Rn"."""
        for n in range(1, threads + 1):
            cid = self.post(f"T{n}")
            self.post(f"R{n}", login="member", reply_to=cid)

    def browser(self, login=None, query=""):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        if login:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        browser.open(f"{self.group.absolute_url()}{query}")
        return browser

    def texts(self, html):
        return re.findall(r'<div class="comment-body">\s*<p>(\w+)</p>', html)


class DocumentAndGroupTestCase(unittest.TestCase):
    """A published Document that takes comments and the forum's open
    group "monitoring", side by side: the add-on's comments on any content
    and on discussion groups."""

    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        self.document = commentable_document(self.portal)
        self.forum = make_forum(self.portal["en"])
        self.group = self.forum["monitoring"]
        transaction.commit()


TEXTS = ("Mangroves first", "Mangroves second", "Mangroves third")


class TranslatedGroupTestCase(ForumTestCase):
    """The forum's group in en (created first: it holds the shared
    conversation), es and fr, with the three ``TEXTS`` by two members,
    searchable."""

    def setUp(self):
        super().setUp()
        self.es_forum = translate_forum(self.forum, "es")
        self.fr_forum = translate_forum(self.forum, "fr")
        self.group = self.forum["monitoring"]
        add_comment(self.group, "member", TEXTS[0])
        add_comment(self.group, "editor", TEXTS[1])
        add_comment(self.group, "member", TEXTS[2])
        transaction.commit()
        tick()  # the comments' words join the search
        transaction.commit()
        versions = translations(self.group)
        self.es_group, self.fr_group = versions["es"], versions["fr"]
        self.es_path = site_path(self.es_group)
        self.fr_path = site_path(self.fr_group)
