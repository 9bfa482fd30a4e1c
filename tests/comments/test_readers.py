"""A host whose policy names the readers of its comments (drafts: the
round's people only, even once the draft itself is public): whoever else
may view the content sees none of its comments, on the page, over REST, in
search and in exports."""

from collab.portal.testing import FUNCTIONAL_TESTING
from comments.host_helpers import NoteHostFixture
from comments.host_helpers import private_host
from plone import api
from portal_helpers import page_browser
from portal_helpers import rest_session
import transaction
import unittest


SECRET = "Only editors read this."


class TestReaderRoles(NoteHostFixture, unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        private_host(self, self.document)
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()
        self.url = f"{self.document.absolute_url()}/@comments"
        posted = self.rest("editor").post(self.url, json={"text": SECRET})
        self.assertEqual(posted.status_code, 204, posted.text)

    def rest(self, login=None):
        return rest_session(self.portal.absolute_url(), login)

    def listed(self, login):
        response = self.rest(login).get(self.url)
        self.assertEqual(response.status_code, 200, response.text)
        return [item["text"]["data"] for item in response.json()["items"]]

    def test_rest_lists_them_to_the_readers_only(self):
        self.assertEqual(self.listed("editor"), [SECRET])
        self.assertEqual(self.listed("siteadmin"), [SECRET])
        self.assertEqual(self.listed("member"), [])
        self.assertEqual(self.listed(None), [])
        [item] = self.rest("editor").get(self.url).json()["items"]
        one = self.rest("member").get(item["@id"])
        self.assertEqual(one.status_code, 404, one.text)

    def test_the_page_shows_them_to_the_readers_only(self):
        for login, shown in (("editor", True), ("member", False), (None, False)):
            with self.subTest(login=login):
                browser = page_browser(self.layer["app"], login)
                browser.open(self.document.absolute_url())
                self.assertEqual(browser.headers["status"], "200 OK")
                self.assertIn("Notes", browser.contents)
                self.assertEqual(SECRET in browser.contents, shown)

    def test_search_finds_them_for_the_readers_only(self):
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.document.getPhysicalPath())
        for login, found in (("editor", 1), ("member", 0)):
            with self.subTest(login=login), api.env.adopt_user(username=login):
                brains = catalog(portal_type="Discussion Item", path=path)
                self.assertEqual(len(brains), found)
        anonymous = self.rest().get(
            f"{self.portal.absolute_url()}/@search",
            params={"portal_type": "Discussion Item", "path": path},
        )
        self.assertEqual(anonymous.json()["items_total"], 0)
