"""The secretariat imports contacts and sends a mailing with the keyboard
alone (issue 9 and 12, WCAG 2.1.1, 2.1.2, 2.4.7): on the import page the
file field, Preview and Import are reached with Tab and pressed with
Enter; on a mailing's page Send a test to me and Send. The focus is
visible on every control reached and Tab leaves each (no trap).

Choosing the file itself happens in the browser's own dialog, outside the
page; WebDriver types its path into the focused file field instead."""

from browser import waits
from browser.contacts_scene import ContactsScene
from browser.contacts_scene import SECRETARIAT
from browser.keyboard import Keyboard
from collab.portal import clock
from collab.portal.testing import BROWSER_TESTING
from plone import api
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from unittest import mock
import os
import tempfile
import transaction
import unittest


GOOD_CSV = (
    "given_name,family_name,email,country,preferred_language,groups\r\n"
    "Émile,Dubois,emile.dubois@example.org,FR,fr,working-group-data\r\n"
)


class TestContactsWithKeyboard(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.scene = ContactsScene(self.portal)
        transaction.commit()
        self.keys = Keyboard(self.driver, self)
        self.wait = WebDriverWait(self.driver, 30)
        self.log_in()

    def tearDown(self):
        self.driver.delete_all_cookies()

    def log_in(self):
        self.driver.delete_all_cookies()
        waits.open_page(
            self.driver, f"{self.portal.absolute_url()}/en/login", "[name=__ac_name]"
        ).send_keys(SECRETARIAT)
        waits.wait_for(self.driver, "[name=__ac_password]").send_keys(
            PASSWORD, Keys.ENTER
        )
        self.wait.until(EC.presence_of_element_located((By.ID, "personaltools-logout")))

    def open(self, url):
        self.driver.get(url)
        self.keys.settle()
        self.keys.remember_unfocused()

    def wait_for_text(self, text):
        waits.wait_for_text(self.driver, "body", text)
        self.keys.settle()
        self.keys.remember_unfocused()

    def press_button(self, name):
        self.keys.tab_to(lambda f: f["name"] == name)
        self.keys.press(Keys.ENTER)

    def test_import_upload_preview_confirm(self):
        self.open(self.scene.url("@@import-contacts"))
        field = self.keys.tab_to(lambda f: f["id"] == "import-file")
        self.assertEqual(field["tag"], "input")
        handle, path = tempfile.mkstemp(suffix=".csv")
        with os.fdopen(handle, "wb") as file:
            file.write(GOOD_CSV.encode("utf-8"))
        self.addCleanup(os.unlink, path)
        self.driver.switch_to.active_element.send_keys(path)

        self.press_button("preview")
        self.wait_for_text("To be created")
        self.press_button("apply")
        self.wait_for_text("The import is done.")
        transaction.begin()
        directory = self.scene.directory
        contacts = [c for c in directory.objectValues() if c.portal_type == "Contact"]
        emails = [c.email for c in contacts]
        self.assertIn("emile.dubois@example.org", emails)

    def test_mailing_send_test_and_send(self):
        # The clock only when told: the mailing stays listed as sending.
        early = mock.patch.object(clock, "EARLY_TICKS", False)
        early.start()
        self.addCleanup(early.stop)
        draft = self.scene.draft
        self.open(draft.absolute_url())
        self.press_button("form.buttons.test")
        self.wait_for_text("A test message in each language was sent to")
        self.press_button("form.buttons.send")
        self.wait_for_text("The mailing is being sent.")
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        sending = catalog.unrestrictedSearchResults(
            object_provides="collab.portal.contacts.interfaces.ISendingMailing"
        )
        self.assertIn(draft.UID(), [b.UID for b in sending])
