"""Comment moderation says what it does, and Plone's switch keeps working.

The comment form says "Comments are moderated." only where a member's
comment waits for a moderator. Plone's discussion control panel switch,
on the page and over REST, holds every new comment for a moderator with
the add-on's workflow still bound (so flags and REST moderation, which
need its ``recall`` transition, keep working), and the panel says so.
"""

from collab.portal.comments.flags import flag
from comments.helpers import DocumentAndGroupTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from Products.CMFPlone.controlpanel.events import ConfigurationChangedEvent
from zope.event import notify
import transaction


MODERATED = "Comments are moderated."
SWITCH = "plone.app.discussion.interfaces.IDiscussionSettings.moderation_enabled"


class ModerationTestCase(DocumentAndGroupTestCase):
    def page(self, content, login="member"):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        if login == "admin":
            browser.addHeader("Authorization", "Basic admin:secret")
        else:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        browser.open(content.absolute_url())
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn("form.widgets.text", browser.contents)
        return browser.contents

    def chain(self):
        transaction.begin()
        return api.portal.get_tool("portal_workflow").getChainForPortalType(
            "Discussion Item"
        )

    def post_on_document(self, text):
        member = rest_session(self.portal.absolute_url(), "member")
        response = member.post(
            f"{self.document.absolute_url()}/@comments", json={"text": text}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        comment = list(IConversation(self.document).getComments())[-1]
        self.assertEqual(comment.text, text)
        return api.content.get_state(comment)


class TestModeratedMessage(ModerationTestCase):
    def test_said_only_where_comments_wait(self):
        self.assertNotIn(MODERATED, self.page(self.document))
        self.assertNotIn(MODERATED, self.page(self.group))
        self.group.moderated = True
        transaction.commit()
        self.assertIn(MODERATED, self.page(self.group))
        self.assertNotIn(MODERATED, self.page(self.document))

    def test_said_everywhere_when_the_site_moderates(self):
        api.portal.set_registry_record(SWITCH, True)
        transaction.commit()
        self.assertIn(MODERATED, self.page(self.document))
        self.assertIn(MODERATED, self.page(self.group))


class TestControlPanelSwitch(ModerationTestCase):
    def panel(self):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )
        browser.open(f"{self.portal.absolute_url()}/@@discussion-controlpanel")
        return browser

    def switch_on_page(self, value):
        browser = self.panel()
        browser.getControl(name="form.widgets.moderation_enabled:list").value = (
            ["selected"] if value else []
        )
        browser.getControl(name="form.buttons.save").click()
        self.assertEqual(browser.headers["status"], "200 OK")
        return browser

    def switch_on_rest(self, value):
        admin = rest_session(self.portal.absolute_url(), "admin")
        response = admin.patch(
            f"{self.portal.absolute_url()}/@controlpanels/discussion",
            json={"moderation_enabled": value},
        )
        self.assertEqual(response.status_code, 204, response.text)

    def test_panel_says_what_the_switch_does(self):
        contents = self.panel().contents
        self.assertIn("Discussion settings", contents)
        self.assertIn("holds every new comment on the site for a moderator", contents)
        self.assertNotIn("You have configured a custom workflow", contents)

    def test_switch_holds_comments_and_keeps_the_workflow(self):
        for channel, switch in (
            ("page", self.switch_on_page),
            ("rest", self.switch_on_rest),
        ):
            with self.subTest(channel):
                self.assertEqual(
                    self.post_on_document(f"{channel} before"), "published"
                )
                switch(True)
                self.assertEqual(self.chain(), ("collab_comment_workflow",))
                self.assertTrue(api.portal.get_registry_record(SWITCH))
                self.assertEqual(self.post_on_document(f"{channel} held"), "pending")
                self.assertIn(MODERATED, self.page(self.document))
                switch(False)
                self.assertEqual(self.chain(), ("collab_comment_workflow",))
                self.assertFalse(api.portal.get_registry_record(SWITCH))
                self.assertEqual(self.post_on_document(f"{channel} after"), "published")
                self.assertNotIn(MODERATED, self.page(self.document))

    def test_flags_and_rest_moderation_work_after_switching_back(self):
        self.switch_on_page(True)
        self.switch_on_page(False)
        self.assertEqual(self.post_on_document("Flag me."), "published")
        comment = list(IConversation(self.document).getComments())[-1]
        api.portal.set_registry_record("collab.portal.flags_to_hide", 1)
        count, hidden = flag(comment, "editor")
        self.assertEqual((count, hidden), (1, True))
        self.assertEqual(api.content.get_state(comment), "pending")
        transaction.commit()
        # A moderator decides over REST, in a group, with the same workflow.
        member = rest_session(self.portal.absolute_url(), "member")
        member.post(f"{self.group.absolute_url()}/@comments", json={"text": "Hi."})
        transaction.begin()
        group_comment = list(IConversation(self.group).getComments())[-1]
        admin = rest_session(self.portal.absolute_url(), "siteadmin")
        response = admin.post(
            f"{self.group.absolute_url()}/@moderate-comment",
            json={"comment_id": str(group_comment.comment_id), "transition": "recall"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(group_comment), "pending")

    def test_choosing_plone_s_review_workflow_in_the_types_panel(self):
        """The Types control panel's choice reaches the switch through
        plone.app.discussion; the add-on's workflow stays bound and
        comments are held, as that workflow would have held them."""
        wtool = api.portal.get_tool("portal_workflow")
        wtool.setChainForPortalTypes(("Discussion Item",), "comment_review_workflow")
        notify(ConfigurationChangedEvent(self, {"workflow": "comment_review_workflow"}))
        transaction.commit()
        self.assertEqual(self.chain(), ("collab_comment_workflow",))
        self.assertEqual(self.post_on_document("Held."), "pending")
