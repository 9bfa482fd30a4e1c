"""Token abuse on the self-update link: another contact's token, expired,
revoked, tampered, brute-forced (429): all refused, nothing changed."""

from collab.portal import tokens
from collab.portal.contacts.self_update import changes_of
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.contacts.update_links import update_link
from contacts.self_update_helpers import link_parts
from contacts.self_update_helpers import SelfUpdateTestCase
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from portal_helpers import assert_page
from urllib.parse import urlencode
from ZPublisher import HTTPRequest
import transaction


class TestUpdateLinkAbuse(SelfUpdateTestCase):
    def assert_unchanged(self):
        transaction.begin()
        self.assertIsNone(self.ana.organisation)
        self.assertIsNone(self.luc.organisation)
        self.assertEqual(changes_of(self.ana), [])
        self.assertEqual(changes_of(self.luc), [])

    def attempt(self, contact_uid, token, status):
        response = self.rest(language="fr").post(
            f"{self.portal.absolute_url()}/@update-details",
            json={"contact": contact_uid, "token": token, "organisation": "Taken over"},
        )
        self.assertEqual(response.status_code, status, response.text)
        return response.json()["message"]

    def test_token_of_a_used_for_b(self):
        message = self.attempt(self.luc.UID(), self.token, 403)
        self.assertIn("lien", message)  # translated (fr)
        browser = self.browser()
        browser.open(self.link.replace(self.ana_uid, self.luc.UID()))
        assert_page(self, browser, "collab-update-details", status=403)
        self.assertNotIn('name="organisation"', browser.contents)
        self.assert_unchanged()

    def test_expired(self):
        past = datetime.now(UTC) - timedelta(days=61)
        token = tokens.issue(PURPOSE, self.ana_uid, 60, at=past)
        transaction.commit()
        self.attempt(self.ana_uid, token, 403)
        self.assert_unchanged()

    def test_revoked(self):
        record = tokens.tokens_of(PURPOSE, self.ana_uid)[0]
        tokens.revoke(record.token_id, actor="secretariat")
        transaction.commit()
        self.attempt(self.ana_uid, self.token, 403)
        self.assert_unchanged()

    def test_tampered_and_missing(self):
        for token in (self.token[:-2] + "xy", self.token.upper(), "", None, 7):
            self.attempt(self.ana_uid, token, 403)
        self.attempt("not-a-uid", self.token, 403)
        self.attempt(None, self.token, 403)
        self.assert_unchanged()

    def test_guessing_is_limited_per_client_never_the_holder(self):
        # Group members see every contact's UID: ten bad guesses naming
        # Ana's link must not lock her out, on REST or on the page.
        for _attempt in range(tokens.MAX_FAILURES):
            self.attempt(self.ana_uid, "guess-" * 8, 403)
        self.attempt(self.ana_uid, "guess-" * 8, 429)
        response = self.rest().get(
            f"{self.portal.absolute_url()}/@update-details",
            params={"contact": self.ana_uid, "token": self.token},
        )
        self.assertEqual(response.status_code, 200, response.text)
        browser = self.browser()
        browser.open(self.link)
        assert_page(self, browser, 'name="organisation"')
        self.assert_unchanged()

    def test_behind_a_trusted_proxy_the_real_client_is_limited(self):
        self.addCleanup(setattr, HTTPRequest, "trusted_proxies", ())
        HTTPRequest.trusted_proxies = ("127.0.0.1",)
        guesser = self.rest(language="fr")
        guesser.headers["X-Forwarded-For"] = "203.0.113.5"
        neighbour = self.rest(language="fr")
        neighbour.headers["X-Forwarded-For"] = "203.0.113.6"
        url = f"{self.portal.absolute_url()}/@update-details"
        body = {"contact": self.luc.UID(), "token": "guess-" * 8}
        for _attempt in range(tokens.MAX_FAILURES):
            self.assertEqual(guesser.post(url, json=body).status_code, 403)
        self.assertEqual(guesser.post(url, json=body).status_code, 429)
        # Another visitor behind the same balancer is not limited.
        self.assertEqual(neighbour.post(url, json=body).status_code, 403)
        self.assert_unchanged()

    def test_a_forged_log_line_stays_on_its_own_line(self):
        forged = (
            "x\n2026-12-07 16:00:00,000 INFO    [Zope:42][waitress] admin logged in"
        )
        with self.assertLogs("collab.portal.tokens", "WARNING") as logged:
            self.attempt(forged, "guess-" * 8, 403)
            browser = self.browser()
            browser.open(
                f"{self.portal.absolute_url()}/@@update-details?"
                + urlencode({"contact": forged, "token": "guess-" * 8})
            )
            assert_page(self, browser, "collab-update-details", status=403)
        lines = [record.getMessage() for record in logged.records]
        self.assertEqual(len(lines), 2, lines)
        for line in lines:
            self.assertNotIn("\n", line)
        # REST logs it escaped; the page's cookie kept only link characters.
        self.assertIn("x\\n2026-12-07", lines[0])

    def test_lifetime_comes_from_the_control_panel(self):
        from plone import api

        api.portal.set_registry_record("collab.portal.contacts.update_link_days", 3)
        _uid, token = link_parts(update_link(self.luc))
        record = tokens.check(PURPOSE, self.luc.UID(), token)
        self.assertEqual((record.expires - record.issued).days, 3)
