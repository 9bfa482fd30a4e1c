"""The "Collaboration portal" control panel: Classic UI, REST, permissions."""

from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from plone.testing.zope import Browser
from portal_helpers import assert_refused_page
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
import transaction
import unittest


class ControlPanelBase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.portal_url = self.portal.absolute_url()

    def browser(self, login=None, language="en", handle_errors=False):
        browser = Browser(self.layer["app"])
        browser.handleErrors = handle_errors
        browser.raiseHttpErrors = False
        browser.addHeader("Accept-Language", language)
        if login:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        return browser

    def record(self, name):
        transaction.begin()
        return api.portal.get_registry_record(f"collab.portal.{name}")


class TestControlPanelPage(ControlPanelBase):
    def test_listed_in_site_setup(self):
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal_url}/@@overview-controlpanel")
        link = browser.getLink("Collaboration portal")
        self.assertTrue(link.url.endswith("/@@collab-portal-controlpanel"))

    def test_site_administrator_saves(self):
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal_url}/@@collab-portal-controlpanel")
        browser.getControl(
            name="form.widgets.secretariat_name"
        ).value = "Ramsar Secretariat"
        browser.getControl(
            name="form.widgets.secretariat_email"
        ).value = "ramsar@example.org"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Changes saved", browser.contents)
        self.assertEqual(self.record("secretariat_name"), "Ramsar Secretariat")
        self.assertEqual(self.record("secretariat_email"), "ramsar@example.org")
        # The footer of every page names the secretariat.
        browser.open(f"{self.portal_url}/en")
        self.assertIn("Ramsar Secretariat", browser.contents)
        self.assertIn("mailto:ramsar@example.org", browser.contents)

    def test_bad_email_is_refused_and_nothing_saved(self):
        browser = self.browser("siteadmin", language="fr")
        browser.open(f"{self.portal_url}/@@collab-portal-controlpanel")
        browser.getControl(name="form.widgets.secretariat_name").value = "Changed"
        browser.getControl(
            name="form.widgets.secretariat_email"
        ).value = "<script>alert(1)</script>"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn(
            "Ceci n'est pas une adresse électronique valide.", browser.contents
        )
        self.assertEqual(self.record("secretariat_name"), "Secretariat")
        self.assertIsNone(self.record("secretariat_email"))

    def test_empty_name_is_refused(self):
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal_url}/@@collab-portal-controlpanel")
        browser.getControl(name="form.widgets.secretariat_name").value = ""
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Required input is missing.", browser.contents)
        self.assertEqual(self.record("secretariat_name"), "Secretariat")

    def test_translated_labels(self):
        browser = self.browser("siteadmin", language="es")
        browser.open(f"{self.portal_url}/@@collab-portal-controlpanel")
        self.assertIn("Nombre de la secretaría", browser.contents)

    def test_forbidden_for_other_roles(self):
        for login in (None, "member", "editor"):
            browser = self.browser(login, handle_errors=True)
            browser.open(f"{self.portal_url}/@@collab-portal-controlpanel")
            expected = (
                "/login?came_from=" if login is None else "/insufficient-privileges"
            )
            self.assertIn(expected, browser.url, login)
            assert_refused_page(self, browser, login)
            self.assertNotIn("form.widgets.secretariat_name", browser.contents, login)


class TestControlPanelREST(ControlPanelBase):
    def test_get(self):
        session = rest_session(self.portal_url, "siteadmin")
        response = session.get(url(session, "@controlpanels/collab-portal"))
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertEqual(data["title"], "Collaboration portal")
        self.assertEqual(data["data"]["secretariat_name"], "Secretariat")
        self.assertIn("secretariat_email", data["schema"]["properties"])

    def test_listed(self):
        session = rest_session(self.portal_url, "siteadmin")
        response = session.get(url(session, "@controlpanels"))
        self.assertIn(
            "collab-portal", [p["@id"].rsplit("/", 1)[-1] for p in response.json()]
        )

    def test_patch(self):
        session = rest_session(self.portal_url, "siteadmin")
        response = session.patch(
            url(session, "@controlpanels/collab-portal"),
            json={
                "secretariat_name": "CITES Secretariat",
                "secretariat_email": "info@example.org",
            },
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.record("secretariat_name"), "CITES Secretariat")
        self.assertEqual(self.record("secretariat_email"), "info@example.org")

    def test_patch_bad_email_400_and_nothing_changed(self):
        session = rest_session(self.portal_url, "siteadmin", language="es")
        response = session.patch(
            url(session, "@controlpanels/collab-portal"),
            json={"secretariat_name": "Changed", "secretariat_email": "nope"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Esta no es una dirección de correo válida.", response.json()["message"]
        )
        self.assertEqual(self.record("secretariat_name"), "Secretariat")

    def test_patch_wrong_type_400(self):
        session = rest_session(self.portal_url, "siteadmin")
        response = session.patch(
            url(session, "@controlpanels/collab-portal"),
            json={"secretariat_name": 42},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("message", response.json())
        self.assertEqual(self.record("secretariat_name"), "Secretariat")

    def test_other_roles_refused(self):
        for login in (None, "member", "editor"):
            session = rest_session(self.portal_url, login)
            response = session.patch(
                url(session, "@controlpanels/collab-portal"),
                json={"secretariat_name": "Hijacked"},
            )
            self.assertEqual(response.status_code, 401, login)
            response = session.get(url(session, "@controlpanels/collab-portal"))
            self.assertEqual(response.status_code, 401, login)
        self.assertEqual(self.record("secretariat_name"), "Secretariat")
