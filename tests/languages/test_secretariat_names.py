"""The secretariat's name per language: typed once per language in the
Collaboration portal settings (page and REST), shown in the footer of
that language's pages; a line that is not "code: name" is refused with a
clear message and nothing is saved (issue 23, item 21)."""

from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from portal_helpers import assert_page
from portal_helpers import create_role_users
from portal_helpers import page_browser
from portal_helpers import rest_session
from portal_helpers import url
import transaction
import unittest


FIELD = "form.widgets.secretariat_name_translations"


class TestSecretariatNames(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)

    def names(self):
        transaction.begin()
        return api.portal.get_registry_record(
            "collab.portal.secretariat_name_translations"
        )

    def footer(self, language):
        browser = page_browser(self.layer["app"], None, language)
        browser.open(f"{self.portal.absolute_url()}/{language}")
        assert_page(self, browser, 'id="collab-portal-secretariat"')
        return " ".join(browser.contents.split())

    def test_page_saves_a_name_per_language(self):
        browser = page_browser(self.layer["app"], "siteadmin")
        browser.open(f"{self.portal.absolute_url()}/@@collab-portal-controlpanel")
        browser.getControl(
            name="form.widgets.secretariat_name"
        ).value = "Ramsar Secretariat"
        browser.getControl(name=FIELD).value = (
            "es: Secretaría de la Convención de Ramsar\n"
            "fr: Secrétariat de la Convention de Ramsar"
        )
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Changes saved")
        self.assertEqual(len(self.names()), 2)
        self.assertIn(
            "de la <strong>Secretaría de la Convención de Ramsar</strong>",
            self.footer("es"),
        )
        self.assertIn(
            "<strong>Secrétariat de la Convention de Ramsar</strong>",
            self.footer("fr"),
        )
        self.assertIn("<strong>Ramsar Secretariat</strong>", self.footer("en"))

    def test_page_refuses_a_line_without_a_language(self):
        browser = page_browser(self.layer["app"], "siteadmin", "es")
        browser.open(f"{self.portal.absolute_url()}/@@collab-portal-controlpanel")
        browser.getControl(name=FIELD).value = "Secretaría de Ramsar"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Escriba una línea por idioma")
        self.assertEqual(self.names(), [])

    def test_rest(self):
        session = rest_session(self.portal.absolute_url(), "siteadmin", "fr")
        panel = url(session, "@controlpanels/collab-portal")
        response = session.patch(
            panel, json={"secretariat_name_translations": ["xx: Nobody"]}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("Écrivez une ligne par langue", response.json()["message"])
        stored = session.get(panel).json()["data"]["secretariat_name_translations"]
        self.assertEqual(stored, [])
        response = session.patch(
            panel,
            json={"secretariat_name_translations": ["fr: Secrétariat de Ramsar"]},
        )
        self.assertEqual(response.status_code, 204, response.text)
        stored = session.get(panel).json()["data"]["secretariat_name_translations"]
        self.assertEqual(stored, ["fr: Secrétariat de Ramsar"])
        self.assertIn("<strong>Secrétariat de Ramsar</strong>", self.footer("fr"))
