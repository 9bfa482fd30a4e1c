"""Issue 22's browser journeys 3 and 4 (headless Chromium against the
real WSGI server): after round 1 the lead author applies a participant's
proposed wording on the incorporation page and opens round 2 from the
rounds page; the comparison of the two rounds highlights the one changed
word. And no serious axe-core violation on the rounds, coverage,
incorporation, comparison and import pages in en, es and fr."""

from browser import waits
from browser.axe import describe
from browser.axe import serious_violations
from collab.portal.clock import now
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import current_round
from collab.portal.drafts.rounds import open_round
from collab.portal.testing import BROWSER_TESTING
from contacts.helpers import make_directory
from datetime import timedelta
from drafts.draft_helpers import draft_people
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.page_helpers import make_draft_in
from plone import api
from portal_helpers import rest_session
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
import transaction
import unittest


GUEST_BUTTON = "form[action$='@@guest'] button"


def press(driver, button):
    """As a keyboard user does: a click may land on the footer."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.send_keys(Keys.ENTER)


class RoundsBrowserTestCase(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.driver.delete_all_cookies()
        self.portal = self.layer["portal"]
        draft_people(self.portal)
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
            True,
        )
        transaction.commit()

    def tearDown(self):
        self.driver.delete_all_cookies()

    def draft_after_round_one(self, language="en", id="resolution"):
        """A draft whose round 1 had a comment proposing "should" for
        "shall", now closed."""
        draft = make_draft_in(self.portal, language, id=id, state="draft")
        with api.env.adopt_user(username=SECRETARIAT):
            open_round(
                draft, now() + timedelta(days=3), SECRETARIAT, users=(PARTICIPANT,)
            )
        transaction.commit()
        pid = draft.text.raw.split('id="', 2)[2].split('"')[0]
        posted = rest_session(self.portal.absolute_url(), PARTICIPANT).post(
            f"{draft.absolute_url()}/@comments",
            json={
                "text": "Softer, please.",
                "paragraph": pid,
                "quote": "shall",
                "suggestion": "should",
            },
        )
        self.assertEqual(posted.status_code, 204, posted.text)
        transaction.begin()
        with api.env.adopt_user(username=SECRETARIAT):
            close_round(draft, SECRETARIAT)
        transaction.commit()
        return draft


class TestIncorporateAndCompare(RoundsBrowserTestCase):
    def test_apply_open_round_two_and_compare(self):
        draft = self.draft_after_round_one()
        url = draft.absolute_url()
        waits.log_in(self.driver, self.portal.absolute_url(), LEAD)
        # Journey 3: the lead author applies the suggestion...
        waits.open_page(
            self.driver, f"{url}/@@incorporate", "button[name=apply]"
        ).click()
        waits.wait_for_text(self.driver, "#global_statusmessage", "")
        transaction.begin()
        self.assertIn("Parties should report every year", draft.text.raw)
        # ... and opens round 2.
        waits.open_page(self.driver, f"{url}/@@rounds", "#round-deadline")
        deadline = (now() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
        self.driver.execute_script(
            "document.getElementById('round-deadline').value = arguments[0]", deadline
        )
        users = self.driver.find_element(By.ID, "round-users")
        users.send_keys(PARTICIPANT)
        press(
            self.driver, self.driver.find_element(By.CSS_SELECTOR, "button[name=open]")
        )
        waits.wait_for_text(self.driver, "#global_statusmessage", "Round 2 is open")
        transaction.begin()
        self.assertEqual(current_round(draft).number, 2)
        self.assertEqual(api.content.get_state(draft), "round_open")

        # Journey 4: the comparison of rounds 1 and 2 shows the one word.
        waits.open_page(
            self.driver, f"{url}/@@compare?from=1&to=2", ".draft-compare-summary"
        )
        deleted = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "del")]
        inserted = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "ins")]
        self.assertEqual([t.split(":")[-1].strip() for t in deleted], ["shall"])
        self.assertEqual([t.split(":")[-1].strip() for t in inserted], ["should"])


class TestRoundPagesAccessible(RoundsBrowserTestCase):
    def test_no_serious_violations_in_en_es_fr(self):
        problems = []
        waits.log_in(self.driver, self.portal.absolute_url(), SECRETARIAT)
        for language in ("en", "es", "fr"):
            draft = self.draft_after_round_one(language, id=f"resolution-{language}")
            url = draft.absolute_url()
            for page, selector in (
                ("@@rounds", "#collab-draft-rounds"),
                ("@@coverage", "#collab-draft-coverage"),
                ("@@incorporate", "button[name=apply]"),
                ("@@compare?from=1", ".draft-compare-summary"),
                ("@@import-original", "#original-file"),
            ):
                waits.open_page(self.driver, f"{url}/{page}", selector)
                label = f"{page} (secretariat, {language})"
                problems += describe(
                    label, self.driver.current_url, serious_violations(self.driver)
                )
        self.assertEqual(problems, [], "\n" + "\n".join(problems))


class TestDraftPagesAccessibleToEveryone(RoundsBrowserTestCase):
    """The pages each of the draft's people uses: the guest's continue
    page and the draft as a guest, the comparison as a participant, the
    import page and the responses table as the lead author."""

    def test_no_serious_violations_for_guest_participant_and_lead(self):
        _directory, ana, _luc = make_directory(self.portal)
        problems = []
        for language in ("en", "es", "fr"):
            draft = self.draft_after_round_one(language, id=f"axe-{language}")
            url = draft.absolute_url()
            with api.env.adopt_user(username=SECRETARIAT):
                round = open_round(
                    draft,
                    now() + timedelta(days=3),
                    SECRETARIAT,
                    invite=False,
                    contacts=(ana.UID(),),
                )
                link = guest_link(draft, round, ana.UID(), SECRETARIAT)
            transaction.commit()
            self.driver.delete_all_cookies()
            waits.open_page(self.driver, link, GUEST_BUTTON)
            problems += describe(
                f"guest link page ({language})",
                self.driver.current_url,
                serious_violations(self.driver),
            )
            press(
                self.driver,
                self.driver.find_element(
                    By.CSS_SELECTOR, "form[action$='@@guest'] button"
                ),
            )
            waits.wait_for(self.driver, "#draft-live")
            problems += describe(
                f"draft page (guest, {language})",
                self.driver.current_url,
                serious_violations(self.driver),
            )
            for login, page, selector in (
                (PARTICIPANT, "@@compare?from=1", ".draft-compare-summary"),
                (LEAD, "@@responses?round=1", "table"),
                (LEAD, "@@rounds", "#collab-draft-rounds"),
            ):
                waits.log_in(self.driver, self.portal.absolute_url(), login)
                waits.open_page(self.driver, f"{url}/{page}", selector)
                problems += describe(
                    f"{page} ({login}, {language})",
                    self.driver.current_url,
                    serious_violations(self.driver),
                )
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
