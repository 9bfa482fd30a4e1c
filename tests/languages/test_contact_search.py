"""The secretariat finds contacts with Plone's full-text search (page and
@search); anonymous visitors and members find none (issue 23, also found)."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.helpers import SECRETARIAT
from portal_helpers import assert_page
from portal_helpers import page_browser
from portal_helpers import rest_session
from portal_helpers import url
import transaction
import unittest


class TestContactSearch(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        make_directory(self.portal)
        ana = self.portal["contacts"]["ana-perez"]
        ana.organisation = "Wetlands Trust"
        ana.reindexObject()
        transaction.commit()

    def rest_titles(self, login):
        session = rest_session(self.portal.absolute_url(), login)
        response = session.get(url(session, "@search?SearchableText=Wetlands"))
        self.assertEqual(response.status_code, 200, response.text[:300])
        return [item["title"] for item in response.json()["items"]]

    def page(self, login):
        browser = page_browser(self.layer["app"], login)
        browser.open(f"{self.portal.absolute_url()}/@@search?SearchableText=Wetlands")
        assert_page(self, browser, 'id="search-results"')
        return browser.contents

    def test_secretariat_finds_a_contact(self):
        self.assertIn("Ana Pérez", self.rest_titles(SECRETARIAT))
        self.assertIn("Ana Pérez", self.page(SECRETARIAT))

    def test_by_address_too(self):
        session = rest_session(self.portal.absolute_url(), SECRETARIAT)
        response = session.get(url(session, "@search?SearchableText=luc.martin"))
        titles = [item["title"] for item in response.json()["items"]]
        self.assertIn("Luc Martin", titles)

    def test_anonymous_and_members_find_none(self):
        for login in (None, "member"):
            self.assertEqual(self.rest_titles(login), [], login)
            self.assertNotIn("Ana Pérez", self.page(login), login)
