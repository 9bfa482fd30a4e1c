"""Deleting, renaming or moving one language version of a discussion group
keeps the comments that all its versions share; only deleting the last
version takes the conversation with it.

plone.app.discussion empties ``IConversation(content)`` when content is
removed, and every version of a group adapts to the one shared
conversation: deleting the Spanish version once emptied it for all."""

from comments.helpers import TEXTS
from comments.helpers import TranslatedGroupTestCase
from forum.helpers import site_path
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import assert_page
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestDeleteOneLanguageVersion(TranslatedGroupTestCase):
    def assert_comments_everywhere(self, paths):
        """Every comment on each page, in each ``@comments`` and in search."""
        transaction.begin()
        for path in paths:
            with self.subTest(path=path):
                browser = self.browser("member")
                browser.open(f"{self.portal.absolute_url()}/{path}")
                assert_page(self, browser, *TEXTS)
                session = rest_session(self.portal.absolute_url(), "member")
                response = session.get(url(session, f"{path}/@comments"))
                self.assertEqual(response.status_code, 200, response.text)
                items = response.json()["items"]
                self.assertEqual(sorted(i["text"]["data"] for i in items), list(TEXTS))
        found = api.content.find(
            portal_type="Discussion Item", SearchableText="mangroves"
        )
        self.assertEqual(len(found), len(TEXTS))
        self.assertEqual(len(IConversation(self.group)), len(TEXTS))

    def test_deleting_es_over_rest_keeps_comments_on_en_and_fr(self):
        admin = rest_session(self.portal.absolute_url(), "admin")
        response = admin.delete(self.es_group.absolute_url())
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertNotIn(self.es_group.getId(), self.es_forum.objectIds())
        self.assert_comments_everywhere(["en/capacity-forum/monitoring", self.fr_path])

    def test_deleting_es_on_the_delete_page_keeps_comments(self):
        browser = self.browser("manager")
        browser.open(f"{self.es_group.absolute_url()}/delete_confirmation")
        assert_page(self, browser, "form.buttons.Delete")
        browser.getControl(name="form.buttons.Delete").click()
        self.assertEqual(browser.headers["status"], "200 OK")
        transaction.begin()
        self.assertNotIn(self.es_group.getId(), self.es_forum.objectIds())
        self.assert_comments_everywhere(["en/capacity-forum/monitoring", self.fr_path])

    def test_deleting_the_es_forum_keeps_comments_of_its_groups(self):
        """The group goes as a sublocation of its forum."""
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.es_forum, check_linkintegrity=False)
        transaction.commit()
        self.assert_comments_everywhere(["en/capacity-forum/monitoring", self.fr_path])

    def test_renaming_and_moving_versions_keeps_comments(self):
        """As upgrade 1009 renames es/fr ids (a rename is a move event)."""
        with api.env.adopt_roles(["Manager"]):
            es = api.content.rename(self.es_group, new_id="seguimiento-nuevo")
            fr = api.content.rename(self.fr_group, new_id="suivi-renomme")
            api.content.rename(self.group, new_id="monitoring-renamed")
        transaction.commit()
        self.group = self.forum["monitoring-renamed"]
        self.assert_comments_everywhere(
            [
                "en/capacity-forum/monitoring-renamed",
                site_path(es),
                site_path(fr),
            ]
        )
        # Catalogued where the holder now is, nowhere else.
        paths = {
            b.getPath().rsplit("/++conversation++", 1)[0]
            for b in api.content.find(
                portal_type="Discussion Item", SearchableText="mangroves"
            )
        }
        self.assertEqual(paths, {"/".join(self.group.getPhysicalPath())})

    def test_deleting_the_last_version_removes_the_conversation(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.es_group, check_linkintegrity=False)
            api.content.delete(self.fr_group, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(len(IConversation(self.group)), len(TEXTS))
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.group, check_linkintegrity=False)
        transaction.commit()
        found = api.content.find(
            portal_type="Discussion Item", SearchableText="mangroves"
        )
        self.assertEqual(len(found), 0)
