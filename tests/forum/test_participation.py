"""Participation in a forum and its groups, over REST and on the page with
a chart; editors only."""

from comments.helpers import DiscussionTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestParticipation(DiscussionTestCase):
    def setUp(self):
        super().setUp()
        self.post("From Kenya")
        self.post("Again from Kenya")
        self.post("No country given", login="member")
        hidden = self.post("Hidden")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[hidden], transition="recall"
            )
        transaction.commit()

    def test_rest_for_the_forum_and_a_group(self):
        editor = rest_session(self.portal.absolute_url(), "editor")
        data = editor.get(url(editor, "en/capacity-forum/@participation")).json()
        self.assertEqual(data["comments"], 3)
        self.assertEqual(data["participants"], 2)
        self.assertEqual(
            data["countries"], [{"code": "KE", "name": "Kenya", "comments": 2}]
        )
        monitoring = [g for g in data["groups"] if g["title"].startswith("Monitoring")]
        self.assertEqual(monitoring[0]["comments"], 3)
        group = editor.get(
            url(editor, "en/capacity-forum/monitoring/@participation")
        ).json()
        self.assertEqual((group["comments"], group["participants"]), (3, 2))

    def test_members_and_anonymous_may_not(self):
        for login in (None, "member"):
            session = rest_session(self.portal.absolute_url(), login)
            response = session.get(url(session, "en/capacity-forum/@participation"))
            self.assertEqual(response.status_code, 401, login)
            self.assertIn("message", response.json())

    def test_page_with_chart(self):
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic editor:{PASSWORD}")
        browser.open(self.forum.absolute_url())
        browser.getLink("Participation statistics").click()
        html = browser.contents
        self.assertIn('class="col-sm-9 participation-comments">3<', html)
        self.assertIn(
            '<svg xmlns="http://www.w3.org/2000/svg" class="collab-chart"', html
        )
        self.assertIn("<title>Kenya: 2</title>", html)

    def test_page_refused_to_members(self):
        browser = Browser(self.layer["app"])
        browser.raiseHttpErrors = False
        browser.addHeader("Authorization", f"Basic member:{PASSWORD}")
        browser.open(self.forum.absolute_url())
        assert_page(self, browser, "Review the Action Plan.")
        self.assertNotIn("Participation statistics", browser.contents)
        browser.open(f"{self.forum.absolute_url()}/@@participation")
        # Plone sends logged-in members without the permission away.
        self.assertIn("insufficient-privileges", browser.url)
        assert_refused_page(self, browser, "member")
        self.assertNotIn("participation-comments", browser.contents)

    def test_page_in_spanish(self):
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic editor:{PASSWORD}")
        browser.addHeader("Accept-Language", "es")
        browser.open(f"{self.forum.absolute_url()}/@@participation")
        self.assertIn("Comentarios por país", browser.contents)
