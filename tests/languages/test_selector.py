"""The language selector keeps the page's view and passes ``set_language``
as plone.app.multilingual's does, in every language of the site."""

from languages.helpers import SixLanguagesTestCase
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from portal_helpers import assert_page
import transaction


class TestSelector(SixLanguagesTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_roles(["Manager"]):
            ITranslationManager(self.document).add_translation("ar")
            self.arabic = ITranslationManager(self.document).get_translation("ar")
            api.content.transition(self.arabic, to_state="published")
        transaction.commit()

    def test_keeps_view_and_set_language(self):
        browser = self.browser()
        browser.open(f"{self.document.absolute_url()}/document_view")
        assert_page(self, browser, "Terms of reference")
        link = browser.getLink(url="/ar?")
        self.assertIn("set_language=ar", link.url)
        link.click()
        self.assertEqual(
            browser.url,
            f"{self.arabic.absolute_url()}/document_view?set_language=ar",
        )
