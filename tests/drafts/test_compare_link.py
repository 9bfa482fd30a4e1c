"""The way to the comparison: the document action "Compare versions"
below a draft once it has had a round, for those who read the draft; and
upgrade 1020 to 1021, which brings that action to existing sites."""

from collab.portal.testing import INTEGRATION_TESTING
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from plone import api
from plone.base.utils import get_installer
from portal_helpers import assert_page
from portal_helpers import page_browser
from portal_helpers import UpgradeTestCase


LINK = "/resolution/@@compare"


class TestCompareLink(DraftCommentsTestCase):
    def page(self, login):
        browser = page_browser(self.layer["app"], login)
        browser.open(self.draft.absolute_url())
        return assert_page(self, browser, "Draft resolution on capacity building")

    def test_no_link_before_the_first_round(self):
        for login in (SECRETARIAT, LEAD):
            self.assertNotIn(LINK, self.page(login))

    def test_the_link_once_a_round_opened(self):
        open_a_round(self.draft)
        for login in (PARTICIPANT, LEAD, SECRETARIAT):
            html = self.page(login)
            self.assertIn(LINK, html)
            self.assertIn("Compare versions", html)


class TestCompareLinkUpgrade(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def test_the_action_arrives(self):
        category = api.portal.get_tool("portal_actions")["document_actions"]
        category.manage_delObjects(["draft_compare"])
        self.upgrade_from("1020")
        action = category["draft_compare"]
        self.assertEqual(action.url_expr, "string:${object_url}/@@compare")
        self.assertIn("View", action.permissions)
        self.assertIn("print", category.objectIds())  # Plone's own stay


class TestCompareLinkUninstall(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def test_the_action_leaves_with_the_add_on(self):
        category = api.portal.get_tool("portal_actions")["document_actions"]
        self.assertIn("draft_compare", category.objectIds())
        get_installer(self.portal, self.layer["request"]).uninstall_product(
            "collab.portal"
        )
        self.assertNotIn("draft_compare", category.objectIds())
        self.assertIn("print", category.objectIds())
