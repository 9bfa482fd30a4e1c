"""A mailing's writing starts as soon as ``@send`` (or the page's Send)
commits, not at the clock's next minute (``clock.tick_soon``); its links
are those of the site as the sender reached it."""

from contacts.mailing_helpers import MailingTestCase
from contacts.mailing_helpers import text_of
from portal_helpers import url
import time


class TestWritingStartsAtOnce(MailingTestCase):
    early_ticks = True

    def test_send_over_rest_delivers_without_a_clock_tick(self):
        session = self.rest("secretariat")
        start = time.monotonic()
        response = self.send()
        self.assertEqual(response.status_code, 202, response.text)
        messages = self.delivered(2, timeout=15)
        self.assertLess(time.monotonic() - start, 15)
        spanish = self.by_recipient(messages)["ana.perez@example.org"]
        self.assertIn(url(session, "es/@@update-details?"), text_of(spanish))
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            log = self.delivery().json()
            if log["state"] != "sending":
                break
            time.sleep(0.2)
        self.assertIn(log["state"], ("written", "sent"))

    def test_send_on_the_page_delivers_without_a_clock_tick(self):
        browser = self.browser("secretariat")
        browser.open(self.mailing.absolute_url())
        self.assertEqual(browser.headers["status"], "200 OK")
        browser.getControl(name="form.buttons.send").click()
        self.assertIn("is being sent", browser.contents)
        self.delivered(2, timeout=15)
