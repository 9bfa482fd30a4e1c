"""Issue 23, item 13: a live personal-link token is in no URL the page
shows itself under, no link it draws, no Referer it sends and no cache:
the link's first request moves it into a cookie of the page's own path
and redirects at once; links in mails already sent keep working."""

from contacts.self_update_helpers import SelfUpdateTestCase
from portal_helpers import assert_page
import requests


class TestLinkPrivacy(SelfUpdateTestCase):
    def test_the_link_moves_the_token_and_redirects(self):
        response = requests.get(self.link, allow_redirects=False, timeout=60)
        self.assertEqual(response.status_code, 303, response.text)
        self.assertEqual(
            response.headers["Location"],
            f"{self.portal.absolute_url()}/es/@@update-details",
        )
        cookie = response.headers["Set-Cookie"]
        self.assertIn(self.token, cookie)
        for part in ("HttpOnly", "SameSite=Lax", "Path=/plone/es/@@update-details"):
            self.assertIn(part, cookie)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_the_page_never_shows_the_token_in_a_url(self):
        session = requests.Session()
        response = session.get(self.link, timeout=60)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertNotIn("token=", response.url)
        self.assertIn('name="organisation"', response.text)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")
        # Only the form's hidden field has it: no link (language selector).
        self.assertEqual(response.text.count(self.token), 1)
        posted = session.post(
            response.url,
            data={
                "contact": self.ana_uid,
                "token": self.token,
                "organisation": "Ministerio",
                "email": "Ana.Perez@example.org",
                "preferred_language": "es",
                "save": "1",
            },
            timeout=60,
        )
        self.assertIn("Gracias", posted.text)
        self.assertEqual(posted.text.count(self.token), 1)
        self.assertNotIn("Ministerio&amp;", posted.text)
        self.assertEqual(posted.headers["Referrer-Policy"], "no-referrer")

    def test_testbrowser_journey_ends_on_the_bare_url(self):
        browser = self.browser()
        browser.open(self.link)
        assert_page(self, browser, 'name="organisation"')
        self.assertEqual(
            browser.url, f"{self.portal.absolute_url()}/es/@@update-details"
        )

    def test_bare_url_without_the_cookie_is_refused(self):
        response = requests.get(
            f"{self.portal.absolute_url()}/es/@@update-details", timeout=60
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("collab-update-details", response.text)
        self.assertNotIn('name="organisation"', response.text)

    def test_a_mangled_link_is_refused_after_the_move(self):
        for token in ("a;b c=d", "x" * 500, ""):
            session = requests.Session()
            response = session.get(
                f"{self.portal.absolute_url()}/es/@@update-details",
                params={"contact": self.ana_uid, "token": token},
                timeout=60,
            )
            self.assertEqual(response.status_code, 403, token)
            self.assertIn("collab-update-details", response.text)
            self.assertNotIn("token=", response.url)

    def test_rest_answers_are_not_stored(self):
        session = self.rest()
        response = session.get(
            f"{session.base}/@update-details",
            params={"contact": self.ana_uid, "token": self.token},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")
