"""Country choices in Spanish and French: every name in that language
(pycountry's gaps filled from the CLDR) and sorted as its readers expect,
accents aside (issue 23, item 21)."""

from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.vocabularies.countries import country_names
from portal_helpers import create_role_users
from portal_helpers import page_browser
from portal_helpers import rest_session
from portal_helpers import url
import re
import unittest


class TestCountryNames(unittest.TestCase):
    def test_no_english_name_where_the_language_has_one(self):
        self.assertEqual(country_names("es")["DZ"], "Argelia")
        self.assertEqual(country_names("es")["BN"], "Brunéi")
        self.assertEqual(country_names("fr")["US"], "États-Unis")
        self.assertEqual(country_names("en")["DZ"], "Algeria")


class TestCountrySelect(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)

    def options(self, language):
        browser = page_browser(self.layer["app"], "manager", language)
        browser.open(f"{self.portal.absolute_url()}/contacts/++add++Contact")
        self.assertEqual(browser.headers["status"], "200 OK")
        select = browser.getControl(name="form.widgets.country:list")
        return [
            label
            for value, label in zip(select.options, select.displayOptions, strict=True)
            if value and value != "--NOVALUE--"
        ]

    def test_french_page_sorts_etats_unis_among_the_e(self):
        names = self.options("fr")
        self.assertIn("Zimbabwe", names)
        self.assertLess(names.index("Espagne"), names.index("États-Unis"))
        self.assertLess(names.index("États-Unis"), names.index("Éthiopie"))
        self.assertLess(names.index("Éthiopie"), names.index("Fidji"))

    def test_spanish_page_has_spanish_names(self):
        names = self.options("es")
        self.assertIn("Argelia", names)
        self.assertNotIn("Algeria", names)
        self.assertLess(names.index("Egipto"), names.index("El Salvador"))

    def test_rest_vocabulary_in_french(self):
        session = rest_session(self.portal.absolute_url(), "manager", "fr")
        response = session.get(
            url(session, "@vocabularies/collab.portal.Countries?b_size=400")
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        titles = [item["title"] for item in response.json()["items"]]
        self.assertLess(titles.index("États-Unis"), titles.index("Fidji"))
        self.assertFalse([t for t in titles if re.fullmatch(r"Algeria|Spain", t)])
