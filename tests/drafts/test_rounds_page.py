"""Issue 22, Rounds on the Classic UI: the secretariat opens a round from
``@@rounds`` (deadline in a time zone, a contact group), sees its links,
withdraws and re-issues one, closes it; ``@@coverage`` shows who commented
and reminds the others. Bad input shows the reason and changes nothing;
only those who run rounds reach the pages."""

from collab.portal.drafts.rounds import current_round
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.round_helpers import RoundTestCase
from plone import api
from portal_helpers import page_browser
import transaction


class TestRoundsPage(RoundTestCase):
    def browser(self, login="secretariat", language="en"):
        browser = page_browser(self.layer["app"], login, language)
        browser.open(f"{self.url}/@@rounds")
        return browser

    def fill(self, browser, deadline="2099-03-05T17:00", zone="Europe/Paris"):
        browser.getControl(name="instructions").value = "Please comment by Friday."
        browser.getControl(name="deadline").value = deadline
        browser.getControl(name="zone").value = [zone]
        browser.getControl(name="groups:list").value = [self.group.UID()]
        browser.getControl(name="open").click()

    def test_open_withdraw_reissue_and_close(self):
        browser = self.browser()
        self.fill(browser)
        self.assertIn("Round 1 is open", browser.contents)
        transaction.begin()
        round = current_round(self.draft)
        self.assertEqual(round.deadline.isoformat(), "2099-03-05T16:00:00+00:00")
        self.assertEqual(round.zone, "Europe/Paris")
        self.assertEqual(api.content.get_state(self.draft), "round_open")
        self.clock()
        self.delivered(2)
        browser.open(f"{self.url}/@@rounds")
        self.assertIn("2099-03-05 17:00 (Europe/Paris)", browser.contents)
        self.assertIn("Ana Pérez", browser.contents)
        browser.getControl(name="revoke", index=0).click()
        self.assertIn("The link is withdrawn.", browser.contents)
        browser.getControl(name="issue", index=0).click()
        self.assertIn("/@@guest?contact=", browser.contents)
        self.assertIn("no-store", browser.headers["Cache-Control"])
        browser.getControl(name="close").click()
        self.assertIn("Round 1 is closed.", browser.contents)
        self.assertIn("Earlier rounds", browser.contents)
        self.assertIn("Open round", browser.contents)  # the next one
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "incorporating")

    def test_a_past_deadline_is_refused_in_spanish(self):
        browser = self.browser(language="es")
        self.fill(browser, deadline="2001-03-05T17:00")
        self.assertIn("al menos una hora", browser.contents)
        transaction.begin()
        self.assertIsNone(current_round(self.draft))
        self.assertEqual(api.content.get_state(self.draft), "draft")

    def test_only_those_who_run_rounds(self):
        self.assertIn("Open round", self.browser(LEAD).contents)
        for login in (PARTICIPANT, OUTSIDER, None):
            browser = page_browser(self.layer["app"], login)
            browser.open(f"{self.url}/@@rounds")
            self.assertNotIn("Open round", browser.contents, login)
            browser.open(f"{self.url}/@@coverage")
            self.assertNotIn("Who has commented", browser.contents, login)


class TestCoveragePage(RoundTestCase):
    def test_who_commented_and_the_reminder(self):
        self.assertEqual(self.open_round().status_code, 201)
        cookie = self.guest_cookie(self.links()["ana.perez@example.org"])
        self.mailbox.clear()
        posted = self.as_guest(
            cookie, f"{self.url}/@comments", "POST", json={"text": "Uno."}
        )
        self.assertEqual(posted.status_code, 204, posted.text)
        browser = page_browser(self.layer["app"], "secretariat", "fr")
        browser.open(f"{self.url}/@@coverage")
        self.assertIn("Ana Pérez", browser.contents)
        self.assertIn("Pays", browser.contents)
        self.assertIn("Focal points", browser.contents)
        browser.getControl(name="remind").click()
        self.clock()
        self.assertEqual(list(self.delivered(1)), ["luc.martin@example.org"])
