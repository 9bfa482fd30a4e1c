"""A member takes part with the keyboard alone (issue 9, WCAG 2.1.1,
2.1.2, 2.4.1, 2.4.7): the skip link comes first and moves the focus to the
content; the member posts a comment and a reply and follows the group,
pressing Tab, Enter and Space and typing; the focus is visible on every
control reached, and Tab leaves every control (no trap)."""

from browser import waits
from browser.keyboard import Keyboard
from browser.keyboard import KeyboardTrap
from collab.portal.testing import BROWSER_TESTING
from forum.helpers import make_forum
from plone.app.discussion.interfaces import IConversation
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
import transaction
import unittest


def log_in_with_keys(driver, portal_url, login):
    driver.delete_all_cookies()
    waits.open_page(driver, f"{portal_url}/en/login", "[name=__ac_name]").send_keys(
        login
    )
    waits.wait_for(driver, "[name=__ac_password]").send_keys(PASSWORD, Keys.ENTER)
    WebDriverWait(driver, 30).until(
        EC.presence_of_element_located((By.ID, "personaltools-logout"))
    )


class TestKeyboardOnly(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.group = make_forum(self.portal["en"])["monitoring"]
        transaction.commit()
        self.keys = Keyboard(self.driver, self)
        self.wait = WebDriverWait(self.driver, 30)

    def tearDown(self):
        self.driver.delete_all_cookies()

    def open_group(self):
        self.driver.get(self.group.absolute_url())
        self.wait.until(EC.presence_of_element_located((By.ID, "commenting")))
        self.keys.settle()
        self.keys.remember_unfocused()

    def wait_for_text(self, text):
        waits.wait_for_text(self.driver, "#content", text)

    def post(self, text):
        """Type ``text`` where the focus is, Tab to the form's Comment
        button and press Enter."""
        self.keys.type(text)
        left = self.keys.tab()
        self.assertNotEqual(left["name"], "form.widgets.text", "trapped in the text")
        if left["name"] != "form.buttons.comment":
            self.keys.tab_to(lambda f: f["name"] == "form.buttons.comment")
        self.keys.press(Keys.ENTER)

    def test_skip_link_comment_reply_follow(self):
        log_in_with_keys(self.driver, self.portal.absolute_url(), "member")
        self.open_group()

        # The skip link is the first stop and takes the focus to the content.
        first = self.keys.tab()
        self.assertIn("collab-skip-link", first["classes"], first)
        self.assertIn("Skip to content", first["text"])
        self.keys.press(Keys.ENTER)
        self.assertEqual(self.keys.focused()["id"], "content")

        # A comment.
        self.keys.tab_to(lambda f: f["name"] == "form.widgets.text")
        self.post("Baselines come first.")
        self.wait_for_text("Baselines come first.")
        self.keys.settle()

        # A reply to it, through the comment's Reply button.
        self.keys.remember_unfocused()
        self.keys.tab_to(lambda f: "reply-to-comment-button" in f["classes"])
        self.keys.press(Keys.SPACE)
        self.wait.until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, ".discussion .reply"))
        )
        self.keys.remember_unfocused()
        self.keys.tab_to(lambda f: f["name"] == "form.widgets.text")
        self.post("And targets agreed with the Parties.")
        self.wait_for_text("And targets agreed with the Parties.")
        self.keys.settle()
        transaction.begin()
        comments = list(IConversation(self.group).getComments())
        self.assertEqual(
            [c.text for c in comments],
            ["Baselines come first.", "And targets agreed with the Parties."],
        )
        self.assertEqual(comments[1].in_reply_to, comments[0].comment_id)

        # Following the group: its control is above the comments.
        self.keys.remember_unfocused()
        follow = self.keys.tab_to(lambda f: f["name"] == "follow", backwards=True)
        self.assertEqual(follow["text"], "Follow")
        self.keys.press(Keys.SPACE)
        self.wait_for_text("You follow this discussion group")

    def test_trap_is_reported(self):
        """The check can fail: a field that sends the focus back to itself
        on Tab is a trap."""
        self.driver.get(self.portal.absolute_url() + "/robots.txt")
        self.driver.execute_script(
            "document.body.innerHTML = '<input id=a><input id=b>';"
            "const a = document.getElementById('a');"
            "a.addEventListener('keydown', e => {"
            "  if (e.key === 'Tab') { e.preventDefault(); } });"
            "a.focus();"
        )
        self.keys.remember_unfocused()
        with self.assertRaises(KeyboardTrap):
            self.keys.tab()
