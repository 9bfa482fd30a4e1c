"""No serious or critical axe-core violation (WCAG 2.1 A and AA) on any
page of any role's journey, in en, es and fr (issue 9).

The pages are listed per area in journeys.py; one Chromium, one login per
role. All problems are collected and reported together, one line per page
and rule with the elements, so one run shows everything left to fix.
"""

from browser import waits
from browser.axe import describe
from browser.axe import serious_violations
from browser.journeys import AREAS
from browser.journeys import LANGUAGES
from browser.journeys import ROLES
from browser.journeys import Scene
from collab.portal.testing import BROWSER_TESTING
from portal_helpers import create_role_users
from selenium.webdriver.common.by import By
import unittest


def log_in(driver, portal_url, login):
    driver.delete_all_cookies()
    if login is not None:
        waits.log_in(driver, portal_url, login)


def set_language(driver, language):
    """Pages outside the language folders (control panels, preferences)
    speak the language of Plone's language cookie."""
    driver.add_cookie({"name": "I18N_LANGUAGE", "value": language, "path": "/"})


class TestJourneyPagesAccessible(unittest.TestCase):
    layer = BROWSER_TESTING

    def setUp(self):
        self.driver = self.layer["driver"]
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.scene = Scene(self.portal)

    def tearDown(self):
        self.driver.delete_all_cookies()

    def check(self, page, language, role):
        """The page as ``role`` sees it; its serious violations as lines."""
        url = page.url(self.scene, language)
        waits.open_page(self.driver, url, "body")
        if page.act is not None:
            page.act(self.driver, self.scene, language)
        label = f"{page.label} ({role or 'anonymous'}, {language})"
        # Never a page Plone sent the visitor away from: what is checked
        # is the page itself.
        current = self.driver.current_url
        self.assertNotIn("insufficient-privileges", current, label)
        if page.label != "login form":
            self.assertNotIn("/login", current, label)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "main h1"), label)
        return describe(label, current, serious_violations(self.driver))

    def test_no_serious_violations(self):
        problems = []
        visited = 0
        for role in ROLES:
            log_in(self.driver, self.scene.portal_url, role)
            for language in LANGUAGES:
                if role is None:
                    self.driver.get(self.scene.portal_url + "/robots.txt")
                set_language(self.driver, language)
                for pages in AREAS.values():
                    for page in pages:
                        if page.role == role:
                            problems += self.check(page, language, role)
                            visited += 1
        self.assertGreater(visited, 60)
        self.assertEqual(problems, [], "\n" + "\n".join(problems))


class TestAxeFindsViolations(unittest.TestCase):
    """The check can fail: a page with an unlabelled field and low
    contrast is reported with its rule and element."""

    layer = BROWSER_TESTING

    def test_reports_rule_and_element(self):
        driver = self.layer["driver"]
        driver.get(self.layer["portal"].absolute_url() + "/robots.txt")
        driver.execute_script(
            "document.documentElement.lang = 'en';"
            "document.title = 'Bad page';"
            "document.body.innerHTML = '<main><h1>Bad</h1>"
            '<input id="nolabel" type="text">'
            '<p style="color:#999;background:#fff">faint text</p></main>\';'
        )
        lines = describe("bad page", driver.current_url, serious_violations(driver))
        text = "\n".join(lines)
        self.assertIn("bad page <", text)
        self.assertIn("label (critical", text)
        self.assertIn("#nolabel", text)
        self.assertIn("color-contrast (serious", text)
