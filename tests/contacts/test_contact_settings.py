"""The contacts settings in their control panel: positions the secretariat
edits (the contact form offers them), on the page and over REST."""

from contacts.directory_helpers import DirectoryTestCase
from plone import api
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import transaction


class TestContactSettings(DirectoryTestCase):
    def test_listed_in_site_setup(self):
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal.absolute_url()}/@@overview-controlpanel")
        link = browser.getLink("Contacts")
        self.assertTrue(link.url.endswith("/@@collab-portal-contacts-controlpanel"))

    def test_secretariat_edits_positions_on_the_page(self):
        browser = self.browser("secretariat")
        browser.open(
            f"{self.portal.absolute_url()}/@@collab-portal-contacts-controlpanel"
        )
        assert_page(self, browser, "Positions", "Days a personal link stays valid")
        browser.getControl(name="form.widgets.positions").value = "observer\nRapporteur"
        browser.getControl(name="form.widgets.update_link_days").value = "30"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Changes saved")
        transaction.begin()
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.contacts.positions"),
            ["observer", "Rapporteur"],
        )
        browser.open(f"{self.luc.absolute_url()}/@@edit")
        assert_page(self, browser, "Rapporteur")

    def test_refused_to_others_and_bad_input(self):
        for login in (None, "member", "editor"):
            browser = self.browser(login)
            browser.open(
                f"{self.portal.absolute_url()}/@@collab-portal-contacts-controlpanel"
            )
            assert_refused_page(self, browser, login)
        browser = self.browser("secretariat")
        browser.open(
            f"{self.portal.absolute_url()}/@@collab-portal-contacts-controlpanel"
        )
        browser.getControl(name="form.widgets.update_link_days").value = "0"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "There were some errors")
        transaction.begin()
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.contacts.update_link_days"),
            60,
        )

    def test_rest(self):
        session = self.rest("siteadmin")
        panel = f"{self.portal.absolute_url()}/@controlpanels/collab-portal-contacts"
        response = session.get(panel)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["data"]["update_link_days"], 60)
        response = session.patch(panel, json={"update_link_days": 90})
        self.assertEqual(response.status_code, 204, response.text)
        response = session.patch(panel, json={"update_link_days": 0})
        self.assertEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.contacts.update_link_days"),
            90,
        )
