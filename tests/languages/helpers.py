"""A site in the UN's six languages, made from the test site's three the way
a secretariat adds languages (the distribution's own language set-up)."""

from collab.portal.content.translations import create_translated
from collab.portal.distributions.languages import create_front_pages
from collab.portal.distributions.languages import setup_language_roots
from collab.portal.distributions.languages import UN_LANGUAGES
from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from portal_helpers import page_browser
import transaction
import unittest


class SixLanguagesTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            setup_language_roots(self.portal, UN_LANGUAGES)
            create_front_pages(self.portal, UN_LANGUAGES)
            self.document = create_translated(
                self.portal["en"],
                "Document",
                "en",
                id="terms-of-reference",
                title="Terms of reference",
            )
            api.content.transition(self.document, to_state="published")
        transaction.commit()

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)
