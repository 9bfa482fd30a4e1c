"""Real-browser checks in headless Chromium against the test WSGI server.

Pages are opened on ``localhost`` (plone.app.theming leaves 127.0.0.1
unthemed), so what is checked is what a visitor sees.
"""

from browser import waits
from collab.portal.testing import BROWSER_TESTING
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
import unittest


class BrowserTestCase(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.driver.delete_all_cookies()
        self.portal = self.layer["portal"]
        self.portal_url = self.portal.absolute_url()
        self.assertTrue(self.portal_url.startswith("http://localhost:"))
        self.driver.get_log("browser")  # forget earlier tests' messages

    def wait(self, timeout=30):
        return WebDriverWait(self.driver, timeout)

    def console_errors(self):
        return [
            entry
            for entry in self.driver.get_log("browser")
            if entry["level"] == "SEVERE"
        ]


class TestFrontPage(BrowserTestCase):
    def test_styled_without_console_errors(self):
        self.driver.get(f"{self.portal_url}/en")
        self.wait().until(EC.presence_of_element_located((By.ID, "portal-footer")))
        sheets = self.driver.execute_script(
            "return Array.from(document.styleSheets).map(s => s.href || '')"
        )
        self.assertTrue(any("barceloneta" in href for href in sheets), sheets)
        # Barceloneta paints the navigation bar; unstyled HTML leaves it
        # transparent.
        colour = self.driver.execute_script(
            "return getComputedStyle(document.querySelector("
            "'#portal-globalnav-wrapper')).backgroundColor"
        )
        self.assertNotIn(colour, ("rgba(0, 0, 0, 0)", "transparent"))
        self.assertEqual(
            self.driver.find_element(By.CSS_SELECTOR, "h1").text,
            "Collaboration Portal",
        )
        self.assertEqual(self.console_errors(), [])

    def test_root_sends_visitor_to_a_language(self):
        self.driver.get(self.portal_url)
        self.wait().until(lambda d: d.current_url.rstrip("/").endswith("/en"))

    def test_language_switcher(self):
        footer = waits.open_page(
            self.driver, f"{self.portal_url}/en", "#collab-portal-secretariat"
        )
        self.assertIn("Collaboration portal of the", footer.text)

        self.driver.find_element(By.LINK_TEXT, "Español").click()
        self.wait().until(
            EC.text_to_be_present_in_element(
                (By.ID, "collab-portal-secretariat"), "Portal de colaboración de la"
            )
        )
        self.assertIn("/es", self.driver.current_url)
        self.assertEqual(
            self.driver.find_element(By.CSS_SELECTOR, "h1").text,
            "Portal de colaboración",
        )

        self.driver.find_element(By.LINK_TEXT, "Français").click()
        self.wait().until(
            EC.text_to_be_present_in_element(
                (By.ID, "collab-portal-secretariat"),
                "Portail de collaboration du",
            )
        )
        self.assertEqual(
            self.driver.find_element(By.CSS_SELECTOR, "h1").text,
            "Portail de collaboration",
        )
        self.assertEqual(self.console_errors(), [])


class TestCreateSitePage(BrowserTestCase):
    """The Zope root's "Create a new site" page offers our distribution.

    The page is plone.distribution's JavaScript front end of ``@sites``;
    creating a site through ``POST @sites`` is tested in
    test_distribution.TestCreationChannels.
    """

    def test_distribution_offered(self):
        app_url = self.layer["app"].absolute_url()
        base = app_url.replace(
            "http://", f"http://{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}@"
        )
        self.driver.get(f"{base}/@@ploneAddSite")
        # The page is a JavaScript app that renders its sections as the
        # @sites answers arrive: wait for the distributions, not any badge.
        self.wait().until(
            lambda driver: (
                "Available distributions"
                in driver.find_element(By.TAG_NAME, "body").text
            )
        )
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn("Create a new site", body)
        offered = body.split("Available distributions", 1)[1]
        self.assertIn("Collaboration Portal\ncollab-portal", offered)
