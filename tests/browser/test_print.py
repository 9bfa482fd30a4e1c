"""Printing forum and group pages (issue 9): Chromium with print media
emulated shows the content alone, black on white, with the address of
each external link; no navigation, toolbar, footer, forms or buttons; a
comment is not split over two pages."""

from browser import waits
from collab.portal.testing import BROWSER_TESTING
from forum.helpers import make_forum
from plone.app.textfield.value import RichTextValue
from portal_helpers import add_comment
from portal_helpers import create_role_users
from selenium.webdriver.common.by import By
import transaction
import unittest


HIDDEN_IN_PRINT = (
    "#edit-bar",
    "#portal-globalnav-wrapper",
    "#portal-searchbox",
    "#portal-breadcrumbs",
    "#portal-footer-wrapper",
    "#content form",
    "#content button",
)

STYLE = """
const el = document.querySelector(arguments[0]);
const s = getComputedStyle(el, arguments[1] || null);
return {display: s.display, color: s.color, background: s.backgroundColor,
        content: s.content, breakInside: s.breakInside};
"""


class TestPrintStylesheet(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.forum = make_forum(self.portal["en"])
        self.forum.purpose = RichTextValue(
            '<p>Review the <a href="https://example.org/action-plan">Action'
            " Plan</a>.</p>"
        )
        self.group = self.forum["monitoring"]
        add_comment(self.group, "member", "Baselines come first.")
        transaction.commit()
        self.log_in("member")

    def tearDown(self):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        self.driver.delete_all_cookies()

    def log_in(self, login):
        waits.log_in(self.driver, self.portal.absolute_url(), login)

    def style(self, selector, pseudo=None):
        waits.wait_for(self.driver, selector)
        return self.driver.execute_script(STYLE, selector, pseudo)

    def printed(self, url):
        waits.open_page(self.driver, url, "#content h1")
        # On screen the navigation and the forms are there: what print
        # hides below is hidden by the print stylesheet.
        for selector in HIDDEN_IN_PRINT:
            self.assertNotEqual(self.style(selector)["display"], "none", selector)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})

    def assert_clean_printout(self):
        for selector in HIDDEN_IN_PRINT:
            self.assertEqual(self.style(selector)["display"], "none", selector)
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "h1").is_displayed())
        body = self.style("body")
        self.assertEqual(body["color"], "rgb(0, 0, 0)")
        self.assertIn(body["background"], ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"))
        self.assertEqual(self.style("#content h1")["color"], "rgb(0, 0, 0)")

    def test_forum_page(self):
        self.printed(self.forum.absolute_url())
        self.assert_clean_printout()
        self.assertTrue(
            self.driver.find_element(By.CSS_SELECTOR, ".forum-schedule").is_displayed()
        )
        external = self.style('a[href="https://example.org/action-plan"]', "::after")
        self.assertIn("https://example.org/action-plan", external["content"])
        internal = self.style(".forum-groups a", "::after")
        self.assertNotIn("http", internal["content"])

    def test_group_page(self):
        self.printed(self.group.absolute_url())
        self.assert_clean_printout()
        comment = self.driver.find_element(By.CSS_SELECTOR, ".discussion .comment")
        self.assertTrue(comment.is_displayed())
        self.assertIn("Baselines come first.", comment.text)
        self.assertEqual(self.style(".discussion .comment")["breakInside"], "avoid")
        self.assertEqual(self.style("#commenting")["display"], "none")
        self.assertEqual(self.style(".collab-follow")["display"], "none")

    def test_print_view(self):
        url = f"{self.forum.absolute_url()}/@@forum-print?comments=1"
        # The print view's own mark, not a heading any page has.
        waits.open_page(self.driver, url, "body > p.no-print")
        self.assertNotEqual(self.style(".no-print")["display"], "none")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.assertEqual(self.style(".no-print")["display"], "none")
        self.assertTrue(
            self.driver.find_element(By.CSS_SELECTOR, "main h1").is_displayed()
        )
        self.assertIn("Baselines come first.", waits.text_of(self.driver, "main"))
        self.assertEqual(self.style(".comment")["breakInside"], "avoid")
