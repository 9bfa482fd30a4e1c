"""The personal-link page speaks the page's language, whatever the
contact's stored one: Ana prefers Spanish, but her link opened in French
at the French root shows a French form (issue 23, item 21)."""

from contacts.self_update_helpers import SelfUpdateTestCase
from portal_helpers import assert_page


class TestPersonalLinkLanguage(SelfUpdateTestCase):
    def test_french_page_for_a_spanish_contact(self):
        self.assertEqual(self.ana.preferred_language, "es")
        browser = self.browser(language="fr")
        browser.open(self.link.replace("/es/", "/fr/"))
        assert_page(self, browser, 'lang="fr"', "Vos coordonnées", "Fonction")
        self.assertNotIn("Cargo", browser.contents)
        self.assertNotIn("Sus datos", browser.contents)

    def test_rest_errors_in_the_requests_language(self):
        response = self.post_details(self.rest(language="fr"), position="pope")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("rien", response.json()["message"])
