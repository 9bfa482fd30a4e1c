"""The draft's page in a real browser (issue 22, Behaviour 3): a
participant already on the page sees another's comment on paragraph 3
appear within 5 s without reloading, hears it in the live region, and
replies with the keyboard; words selected before "Comment" fill the
quote. And no serious axe-core violation on the page in en, es and fr."""

from browser import waits
from browser.axe import describe
from browser.axe import serious_violations
from collab.portal.drafts.browser import view
from collab.portal.testing import BROWSER_TESTING
from drafts.draft_helpers import draft_people
from drafts.draft_helpers import PARTICIPANT
from drafts.page_helpers import give_participant_role
from drafts.page_helpers import make_draft_in
from drafts.page_helpers import SECOND
from drafts.page_helpers import sign
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import rest_session
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from unittest import mock
import time
import transaction
import unittest


LIVE_WITHIN = 5 + 1  # the poll's period, and a second for its requests

SELECT_WORDS = """
const [pid, words] = arguments;
const text = document.querySelector('#' + pid + ' .draft-text p').firstChild;
const start = text.data.indexOf(words);
const range = document.createRange();
range.setStart(text, start);
range.setEnd(text, start + words.length);
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
"""


class DraftPageBrowserTestCase(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.driver.delete_all_cookies()
        self.portal = self.layer["portal"]
        self.portal_url = self.portal.absolute_url()
        draft_people(self.portal)
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
            True,
        )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()

    def tearDown(self):
        self.driver.delete_all_cookies()

    def pids(self, draft):
        return [
            e.get_attribute("id")
            for e in self.driver.find_elements(By.CSS_SELECTOR, ".draft-block")
        ]

    def post(self, draft, login, **body):
        response = rest_session(self.portal_url, login).post(
            f"{draft.absolute_url()}/@comments", json=body
        )
        self.assertEqual(response.status_code, 204, response.text)


class TestLiveComments(DraftPageBrowserTestCase):
    def setUp(self):
        super().setUp()
        self.draft = make_draft_in(self.portal, "en")
        give_participant_role(self.draft, SECOND)
        sign(PARTICIPANT, "Ana Pérez", "SEMARNAT", "MX")

    def test_a_comment_appears_and_is_answered_without_reloading(self):
        waits.log_in(self.driver, self.portal_url, SECOND)
        waits.open_page(self.driver, self.draft.absolute_url(), "#draft-live")
        pids = self.pids(self.draft)
        third = f"#{pids[2]}"
        # Words selected before "Comment" fill the quote; Escape closes.
        self.driver.execute_script(SELECT_WORDS, pids[2], "shall compile")
        button = self.driver.find_element(
            By.CSS_SELECTOR, f"{third} .draft-comment-button"
        )
        button.click()
        quote = waits.wait_for(self.driver, f"{third} [name='form.widgets.quote']")
        self.assertEqual(quote.get_attribute("value"), "shall compile")
        self.assertEqual(button.get_attribute("aria-expanded"), "true")
        active = self.driver.switch_to.active_element
        self.assertEqual(active.get_attribute("name"), "form.widgets.text")
        active.send_keys(Keys.ESCAPE)
        self.assertEqual(button.get_attribute("aria-expanded"), "false")
        # Back on the button that opened the form; the news must not move it.
        self.assertEqual(self.driver.switch_to.active_element, button)
        self.driver.execute_script("window.stillTheSamePage = true")

        # Participant A comments on paragraph 3.
        self.post(
            self.draft, PARTICIPANT, paragraph=pids[2], text="Compile them yearly."
        )
        posted = time.monotonic()
        waits.wait_for_text(
            self.driver, f"{third} .draft-comments", "Compile them yearly.", LIVE_WITHIN
        )
        self.assertLessEqual(time.monotonic() - posted, LIVE_WITHIN)
        self.assertTrue(self.driver.execute_script("return window.stillTheSamePage"))
        self.assertIn(
            "Ana Pérez, SEMARNAT (Mexico)",
            waits.text_of(self.driver, f"{third} .draft-comments"),
        )
        waits.wait_for_text(
            self.driver, "#draft-live", "1 new comment on paragraph 3", 2
        )
        count = self.driver.find_element(By.CSS_SELECTOR, f"{third} .draft-count")
        self.assertIn("Comments on paragraph 3: 1", count.get_attribute("textContent"))
        self.assertEqual(self.driver.switch_to.active_element, button)

        # B replies with the keyboard.
        reply = self.driver.find_element(
            By.CSS_SELECTOR, f"{third} .draft-reply-button"
        )
        self.driver.execute_script("arguments[0].focus()", reply)
        reply.send_keys(Keys.ENTER)
        self.assertEqual(reply.get_attribute("aria-expanded"), "true")
        text = self.driver.switch_to.active_element
        self.assertEqual(text.get_attribute("name"), "form.widgets.text")
        text.send_keys("Yearly is too often.")
        # A script's click right after typing was lost once (Plone's form
        # patterns at work): send as a keyboard user does, once the
        # button takes it.
        send = WebDriverWait(self.driver, 10).until(
            EC.element_to_be_clickable((By.CSS_SELECTOR, "#form-buttons-comment"))
        )
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", send
        )
        send.send_keys(Keys.ENTER)
        waits.wait_for_text(
            self.driver, f"{third} .draft-comments", "Yearly is too often."
        )
        transaction.begin()
        comments = {c.text: c for c in IConversation(self.draft).getComments()}
        answer = comments["Yearly is too often."]
        self.assertEqual(
            answer.in_reply_to, comments["Compile them yearly."].comment_id
        )
        self.assertEqual(answer.paragraph, pids[2])


class TestDraftPageAccessible(DraftPageBrowserTestCase):
    def test_no_serious_violations_in_en_es_fr(self):
        drafts = {
            language: make_draft_in(self.portal, language)
            for language in ("en", "es", "fr")
        }
        for draft in drafts.values():
            pid = draft.text.raw.split('id="', 2)[2].split('"')[0]
            self.post(
                draft,
                PARTICIPANT,
                paragraph=pid,
                quote="every year",
                suggestion="every two years",
                text="Too often.",
            )
        waits.log_in(self.driver, self.portal_url, PARTICIPANT)
        problems = []
        for language, draft in drafts.items():
            # The form open under a paragraph, as a participant uses it.
            pid = draft.text.raw.split('id="', 2)[2].split('"')[0]
            waits.open_page(
                self.driver,
                f"{draft.absolute_url()}?comment_on={pid}",
                ".draft-form-slot #draft-comment-form",
            )
            label = f"draft page ({PARTICIPANT}, {language})"
            problems += describe(
                label, self.driver.current_url, serious_violations(self.driver)
            )
        self.assertEqual(problems, [], "\n" + "\n".join(problems))


class TestFoldedThreads(DraftPageBrowserTestCase):
    """A page past FOLD_OVER comments: a paragraph's thread is read when
    its "Show" link is pressed; a new comment on a folded paragraph is
    counted and announced, not inserted."""

    def test_show_reads_the_folded_thread(self):
        patch = mock.patch.object(view, "FOLD_OVER", 1)
        patch.start()
        self.addCleanup(patch.stop)
        draft = make_draft_in(self.portal, "en")
        pid = draft.text.raw.split('id="', 3)[3].split('"')[0]
        for text in ("Folded one.", "Folded two."):
            self.post(draft, PARTICIPANT, paragraph=pid, text=text)
        waits.log_in(self.driver, self.portal_url, PARTICIPANT)
        show = waits.open_page(
            self.driver, draft.absolute_url(), f"#{pid} .draft-show-comments"
        )
        self.assertIn("Show the 2 comments on paragraph 3", show.text)
        self.assertNotIn("Folded one.", waits.text_of(self.driver, f"#{pid}"))
        self.post(draft, PARTICIPANT, paragraph=pid, text="Folded three.")
        waits.wait_for_text(
            self.driver, "#draft-live", "1 new comment on paragraph 3", LIVE_WITHIN
        )
        waits.wait_for_text(
            self.driver, f"#{pid} .draft-show-comments", "Show the 3 comments"
        )
        show = self.driver.find_element(By.CSS_SELECTOR, f"#{pid} .draft-show-comments")
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", show
        )
        show.send_keys(Keys.ENTER)
        waits.wait_for_text(self.driver, f"#{pid} .draft-comments", "Folded three.")
        text = waits.text_of(self.driver, f"#{pid} .draft-comments")
        self.assertIn("Folded one.", text)
        active = self.driver.switch_to.active_element
        self.assertIn("draft-comments", active.get_attribute("class"))
