"""Comments in the site search: words join with the clock, waiting
comments found only by their author and moderators."""

from comments.helpers import DiscussionTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import assert_page
from portal_helpers import rest_session
from zope.component import createObject
import transaction


class TestSearch(DiscussionTestCase):
    def test_words_join_the_search_with_the_clock(self):
        """Posting leaves the text indexes alone (members posting at once
        conflicted there); the clock indexes the words."""
        from collab.portal.clock import tick

        self.post("Mangroves restoration")
        self.assertEqual(len(api.content.find(SearchableText="mangroves")), 0)
        # Everything else is catalogued at once (moderation, counters).
        path = "/".join(self.group.getPhysicalPath())
        self.assertEqual(
            len(api.content.find(portal_type="Discussion Item", path=path)), 1
        )
        tick()
        found = api.content.find(SearchableText="mangroves")
        self.assertEqual([b.portal_type for b in found], ["Discussion Item"])
        self.assertIn("author", found[0].Title)
        self.assertEqual(found[0].Description, "Mangroves restoration")
        # Nothing left waiting: a second tick indexes nothing.
        from collab.portal.comments.search import index_waiting_comments

        self.assertEqual(
            index_waiting_comments(api.portal.get_tool("portal_catalog")), 0
        )

    def test_waiting_comments_found_by_their_author_and_moderators_only(self):
        from collab.portal.clock import tick
        from portal_helpers import add_comment

        add_comment(self.group, "author", "Mangroves pending", pending=True)
        add_comment(self.group, "member", "Seagrass public")
        transaction.commit()
        tick()
        transaction.commit()
        portal_url = self.portal.absolute_url()
        for login, expected in (
            (None, []),
            ("member", []),
            ("author", ["Discussion Item"]),
            ("siteadmin", ["Discussion Item"]),
        ):
            with self.subTest(login=login):
                found = (
                    rest_session(portal_url, login)
                    .get(
                        f"{portal_url}/@search", params={"SearchableText": "mangroves"}
                    )
                    .json()["items"]
                )
                self.assertEqual([item["@type"] for item in found], expected)
                found = (
                    rest_session(portal_url, login)
                    .get(f"{portal_url}/@search", params={"SearchableText": "seagrass"})
                    .json()["items"]
                )
                self.assertEqual(len(found), 1)
        browser = self.browser(query="")
        browser.open(f"{portal_url}/en/@@search?SearchableText=mangroves")
        assert_page(self, browser, 'id="search-results"')
        self.assertNotIn("Mangroves pending", browser.contents)

    def test_comments_on_other_content_are_searchable_at_once(self):

        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(
                container=self.portal["en"], type="Document", id="page", title="P"
            )
        comment = createObject("plone.Comment")
        comment.text = "Seagrass meadows"
        IConversation(page).addComment(comment)
        transaction.commit()
        self.assertEqual(len(api.content.find(SearchableText="seagrass")), 1)
