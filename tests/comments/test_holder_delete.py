"""Deleting the version of a discussion group that holds the shared
conversation (the one created first, normally English) keeps the comments
for the versions that remain: the conversation and its counters move to
the version that holds it next, and the catalog follows.

plone.app.discussion empties the conversation stored on deleted content;
the shared one used to be stored on the English version, so deleting it
took every comment of es and fr with it."""

from Acquisition import aq_base
from collab.portal.clock import tick
from collab.portal.comments.conversation import conversation_holder
from collab.portal.comments.stats import comment_stats
from comments.helpers import TEXTS
from comments.helpers import TranslatedGroupTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
from portal_helpers import assert_page
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestDeleteTheHolder(TranslatedGroupTestCase):
    def setUp(self):
        super().setUp()
        self.assertEqual(aq_id(conversation_holder(self.fr_group)), aq_id(self.group))

    def delete(self, obj):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj, check_linkintegrity=False)
        transaction.commit()

    def found(self, **query):
        return api.content.find(portal_type="Discussion Item", **query)

    def assert_comments_survive(self, texts=TEXTS):
        """On es and fr: every comment on the page, in ``@comments``, in
        search (catalogued under the new holder, es), in the counters."""
        transaction.begin()
        self.assertEqual(
            aq_id(conversation_holder(self.fr_group)), aq_id(self.es_group)
        )
        for path in (self.es_path, self.fr_path):
            with self.subTest(path=path):
                browser = self.browser("member")
                browser.open(f"{self.portal.absolute_url()}/{path}")
                assert_page(self, browser, *texts)
                session = rest_session(self.portal.absolute_url(), "member")
                response = session.get(url(session, f"{path}/@comments"))
                self.assertEqual(response.status_code, 200, response.text)
                items = response.json()["items"]
                self.assertEqual(
                    sorted(i["text"]["data"] for i in items), sorted(texts)
                )
                editor = rest_session(self.portal.absolute_url(), "editor")
                numbers = editor.get(url(editor, f"{path}/@participation")).json()
                self.assertEqual(numbers["comments"], len(texts), numbers)
                self.assertEqual(numbers["participants"], 2, numbers)
        es_path = "/".join(self.es_group.getPhysicalPath())
        brains = self.found(SearchableText="mangroves")
        self.assertEqual(len(brains), len(texts))
        for brain in brains:
            self.assertTrue(brain.getPath().startswith(es_path + "/++conversation++"))
            self.assertIsNotNone(brain._unrestrictedGetObject())
        self.assertEqual(len(self.found(path=es_path)), len(texts))
        stats = comment_stats(IConversation(self.fr_group), create=False)
        self.assertIsNotNone(stats)
        self.assertEqual(stats.count(), len(texts))
        self.assertEqual(sorted(stats.participants()), ["editor", "member"])

    def test_deleting_en_over_rest_keeps_comments_on_es_and_fr(self):
        en_path = "/".join(self.group.getPhysicalPath())
        admin = rest_session(self.portal.absolute_url(), "admin")
        response = admin.delete(self.group.absolute_url())
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertNotIn("monitoring", self.forum.objectIds())
        self.assert_comments_survive()
        # Nothing catalogued at the dead path.
        self.assertEqual(len(self.found(path=en_path)), 0)

    def test_deleting_en_on_the_delete_page_keeps_comments(self):
        browser = self.browser("manager")
        browser.open(f"{self.group.absolute_url()}/delete_confirmation")
        assert_page(self, browser, "form.buttons.Delete")
        browser.getControl(name="form.buttons.Delete").click()
        self.assertEqual(browser.headers["status"], "200 OK")
        transaction.begin()
        self.assertNotIn("monitoring", self.forum.objectIds())
        self.assert_comments_survive()

    def test_deleting_the_en_forum_keeps_comments_of_its_groups(self):
        """The group goes as a sublocation of its forum."""
        forum_path = "/".join(self.forum.getPhysicalPath())
        self.delete(self.forum)
        self.assertNotIn("capacity-forum", self.portal["en"].objectIds())
        self.assert_comments_survive()
        self.assertEqual(len(self.found(path=forum_path)), 0)

    def test_new_comments_after_the_handover(self):
        """Posted on es, shown on fr and found by search after a tick; a
        comment whose words still waited for the clock is found too."""
        add_comment(self.group, "member", "Mangroves waiting")
        transaction.commit()
        self.delete(self.group)
        session = rest_session(self.portal.absolute_url(), "member")
        response = session.post(
            url(session, f"{self.es_path}/@comments"),
            json={"text": "Mangroves after"},
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        tick()
        transaction.commit()
        texts = (*TEXTS, "Mangroves waiting", "Mangroves after")
        response = session.get(url(session, f"{self.fr_path}/@comments"))
        self.assertEqual(
            sorted(i["text"]["data"] for i in response.json()["items"]), sorted(texts)
        )
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/{self.fr_path}")
        assert_page(self, browser, *texts)
        self.assertEqual(len(self.found(SearchableText="mangroves")), len(texts))
        self.assertEqual(comment_stats(IConversation(self.fr_group)).count(), 5)

    def test_deleting_every_version_removes_the_comments(self):
        paths = [
            "/".join(obj.getPhysicalPath())
            for obj in (self.group, self.es_group, self.fr_group)
        ]
        self.delete(self.group)
        self.assertEqual(len(IConversation(self.fr_group)), len(TEXTS))
        self.delete(self.es_group)
        transaction.begin()
        self.assertEqual(
            aq_id(conversation_holder(self.fr_group)), aq_id(self.fr_group)
        )
        self.assertEqual(len(IConversation(self.fr_group)), len(TEXTS))
        self.assertEqual(len(self.found(SearchableText="mangroves")), len(TEXTS))
        self.delete(self.fr_group)
        self.assertEqual(len(self.found(SearchableText="mangroves")), 0)
        self.assertEqual(len(self.found(path=paths)), 0)

    def test_renaming_the_holder_and_its_forum_keeps_comments_in_place(self):
        """A rename is a move, not a removal: the conversation stays on the
        English version, catalogued at its new path."""
        with api.env.adopt_roles(["Manager"]):
            forum = api.content.rename(self.forum, new_id="capacity-renamed")
            group = api.content.rename(forum["monitoring"], new_id="monitoring-2")
        transaction.commit()
        self.assertEqual(aq_id(conversation_holder(self.fr_group)), aq_id(group))
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/{self.fr_path}")
        assert_page(self, browser, *TEXTS)
        group_path = "/".join(group.getPhysicalPath())
        paths = {
            b.getPath().rsplit("/++conversation++", 1)[0]
            for b in self.found(SearchableText="mangroves")
        }
        self.assertEqual(paths, {group_path})
        self.assertEqual(comment_stats(IConversation(group)).count(), len(TEXTS))


def aq_id(obj):
    """Compare versions by identity without their acquisition wrappers."""
    return id(aq_base(obj))
