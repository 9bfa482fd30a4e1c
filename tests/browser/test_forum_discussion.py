"""A member takes part in a live discussion group in a real browser."""

from browser import waits
from collab.portal.testing import BROWSER_TESTING
from forum.helpers import make_forum
from forum.helpers import translate_forum
from plone import api
from portal_helpers import create_role_users
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
import transaction
import unittest


class TestMemberDiscussion(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.driver.delete_all_cookies()
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.forum = make_forum(self.portal["en"])
        self.es = translate_forum(self.forum, "es")
        transaction.commit()
        self.wait = WebDriverWait(self.driver, 30)

    def click(self, element):
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", element
        )
        self.driver.execute_script("arguments[0].click()", element)

    def log_in(self, login):
        waits.log_in(self.driver, self.portal.absolute_url(), login)

    def live_group(self):
        """The demo's live forum (windows relative to the site's creation)
        has a group open right away: the one a newcomer finds."""
        forum = self.portal["en"]["intersessional-consultation"]
        (group,) = [
            group
            for group in forum.objectValues()
            if group.portal_type == "DiscussionGroup"
            and api.content.get_state(group) == "open"
        ]
        return group

    def test_post_reply_and_read_in_spanish(self):
        from plone.app.multilingual.interfaces import ITranslationManager

        group = self.live_group()
        es_group = ITranslationManager(group).get_translation("es")
        self.log_in("member")
        waits.open_page(
            self.driver, group.absolute_url(), "[name='form.widgets.text']"
        ).send_keys("Monitoring needs baselines first.")
        self.click(self.driver.find_element(By.NAME, "form.buttons.comment"))
        waits.wait_for_text(
            self.driver, ".comment", "Monitoring needs baselines first."
        )
        # Reply through the comment's own reply button (JavaScript form):
        # its script must have run before the button does anything.
        waits.patterns_loaded(self.driver)
        self.click(waits.wait_for(self.driver, ".reply-to-comment-button"))
        reply_form = self.wait.until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, ".reply form"))
        )
        reply_form.find_element(By.NAME, "form.widgets.text").send_keys(
            "And targets agreed with the Parties."
        )
        self.click(reply_form.find_element(By.NAME, "form.buttons.comment"))
        waits.wait_for_text(
            self.driver, ".discussion", "And targets agreed with the Parties."
        )
        transaction.begin()
        from plone.app.discussion.interfaces import IConversation

        comments = list(IConversation(group).getComments())
        self.assertEqual(len(comments), 2)
        self.assertEqual(comments[1].in_reply_to, comments[0].comment_id)

        waits.open_page(self.driver, es_group.absolute_url(), ".discussion")
        body = waits.text_of(self.driver, "body")
        self.assertIn("Monitoring needs baselines first.", body)
        self.assertIn("And targets agreed with the Parties.", body)
        self.assertEqual(api.content.get_state(es_group), "open")

    def test_windows_in_the_browsers_time_zone(self):
        """An anonymous reader's browser shows the windows in its own zone."""
        self.driver.execute_cdp_cmd(
            "Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"}
        )
        try:
            self.driver.get(self.forum["monitoring"].absolute_url())
            local = self.wait.until(
                EC.text_to_be_present_in_element(
                    (By.CSS_SELECTOR, ".collab-local-time"), "(Asia/Tokyo)"
                )
            )
            self.assertTrue(local)
            text = self.driver.find_element(By.CSS_SELECTOR, ".collab-local-time").text
            self.assertTrue(text.startswith("Your time:"), text)
        finally:
            self.driver.execute_cdp_cmd(
                "Emulation.setTimezoneOverride", {"timezoneId": ""}
            )
