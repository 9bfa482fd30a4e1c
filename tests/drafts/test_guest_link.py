"""Issue 22, Behaviour 2: a guest's personal link. Opening it changes
nothing and moves the token out of the URL; "Continue" (a POST) sets the
session cookie of this draft and redirects to the draft without the
token; a refused link (another draft's, expired, revoked, tampered, its
round closed) gets the translated page and no cookie; guessing gets 429;
a signed-in member acts as themselves."""

from collab.portal import tokens
from collab.portal.drafts import guests
from datetime import timedelta
from drafts.guest_helpers import GuestTestCase
from drafts.guest_helpers import issue
from drafts.guest_helpers import record_of
from drafts.guest_helpers import REFUSED_ES
from drafts.guest_helpers import RoundAccess
from portal_helpers import PASSWORD
import requests
import transaction


ES = {"Accept-Language": "es"}


class TestOpeningTheLink(GuestTestCase):
    def test_get_moves_the_token_out_and_changes_nothing(self):
        session = requests.Session()
        first = session.get(self.link(), headers=ES, allow_redirects=False, timeout=60)
        self.assertEqual(first.status_code, 303, first.text)
        self.assertEqual(
            first.headers["Location"], f"{self.draft.absolute_url()}/@@guest"
        )
        self.assertNotIn(guests.COOKIE, first.cookies)
        page = session.get(first.headers["Location"], headers=ES, timeout=60)
        self.assertEqual(page.status_code, 200, page.text)
        self.assertIn("Continuar al proyecto", page.text)
        self.assertIn("Borrador A", page.text)
        self.assertNotIn("token=", page.url)
        self.assertNotIn(guests.COOKIE, session.cookies)
        self.assertEqual(page.headers["Cache-Control"], "no-store")
        self.assertEqual(page.headers["Referrer-Policy"], "no-referrer")
        record = record_of(self.token)
        self.assertEqual(record.uses, 0)
        self.assertEqual([e["action"] for e in record.audit], ["issued"])

    def test_continue_sets_the_draft_cookie_and_redirects(self):
        response = self.post_link()
        self.assertEqual(response.status_code, 303, response.text)
        self.assertEqual(response.headers["Location"], self.draft.absolute_url())
        header = response.headers["Set-Cookie"]
        self.assertIn(f"{guests.COOKIE}=", header)
        for part in ("HttpOnly", "SameSite=Strict", "Path=/plone/es/draft-a"):
            self.assertIn(part, header)
        self.assertNotIn(self.token, header)
        self.assertNotIn("Secure", header)  # http here; https gets Secure
        record = record_of(self.token)
        self.assertEqual(record.uses, 1)
        self.assertEqual(record.audit[-1]["action"], guests.SESSION_ACTION)
        self.assertEqual(record.audit[-1]["by"], f"guest:{record.token_id}")
        value = response.cookies[guests.COOKIE]
        self.assertTrue(value.startswith(f"{record.token_id}."))
        self.assertEqual(int(value.split(".")[1]), int(record.expires.timestamp()))

    def test_the_journey_in_a_browser_ends_on_the_draft(self):
        browser = self.browser()
        browser.open(self.link())
        self.assertEqual(browser.url, f"{self.draft.absolute_url()}/@@guest")
        browser.getControl(name="save").click()
        self.assertEqual(browser.url, self.draft.absolute_url())
        self.assertIn("Borrador A", browser.contents)
        self.assertNotIn("token=", browser.url)

    def test_a_member_acts_as_themselves_and_gets_no_cookie(self):
        session = requests.Session()
        session.auth = ("member", PASSWORD)
        page = session.get(self.link(), headers=ES, timeout=60)
        self.assertEqual(page.status_code, 200, page.text)
        self.assertIn("member", page.text)
        self.assertIn("como usted", page.text)
        self.assertNotIn('name="save"', page.text)
        posted = self.post_link(session)
        self.assertEqual(posted.status_code, 200, posted.text)
        self.assertNotIn(guests.COOKIE, posted.cookies)
        self.assertNotIn(guests.COOKIE, session.cookies)
        self.assertEqual(record_of(self.token).uses, 0)


class TestRefusedLinks(GuestTestCase):
    def assert_refused(self, response):
        self.assertEqual(response.status_code, 403, response.text[:300])
        self.assertIn(REFUSED_ES, response.text)
        self.assertIn("collab-draft-guest", response.text)
        self.assertNotIn(guests.COOKIE, response.cookies)
        # Drawn on the language root: the private draft lends it nothing.
        self.assertNotIn("Borrador A", response.text)
        self.assertNotIn("Borrador B", response.text)

    def test_a_token_of_draft_a_on_draft_b(self):
        self.assert_refused(self.post_link(host=self.other))
        page = requests.get(self.link(host=self.other), headers=ES, timeout=60)
        self.assert_refused(page)

    def test_expired(self):
        token = issue(self.draft, at=tokens.now() - timedelta(days=11))
        transaction.commit()
        self.assert_refused(self.post_link(token=token))

    def test_revoked(self):
        tokens.revoke(record_of(self.token).token_id, actor="secretariat")
        transaction.commit()
        self.assert_refused(self.post_link())

    def test_tampered_token_and_other_contact(self):
        self.assert_refused(self.post_link(token=self.token[:-3] + "abc"))
        self.assert_refused(self.post_link(contact="luc"))

    def test_round_closed(self):
        RoundAccess.open = False
        self.assert_refused(self.post_link())
        self.assertEqual(record_of(self.token).uses, 0)

    def test_guessing_gets_429(self):
        statuses = [
            self.post_link(token=f"guess-{n:02d}-" + "x" * 30).status_code
            for n in range(tokens.MAX_FAILURES + 1)
        ]
        self.assertEqual(statuses[: tokens.MAX_FAILURES], [403] * tokens.MAX_FAILURES)
        self.assertEqual(statuses[-1], 429)

    def test_the_bare_page_without_a_link_is_refused(self):
        bare = f"{self.draft.absolute_url()}/@@guest"
        self.assert_refused(requests.get(bare, headers=ES, timeout=60))
