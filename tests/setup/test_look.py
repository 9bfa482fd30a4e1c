"""The logo, site title and footer text come from Site Setup, and the demo
site wears a neutral emblem and footer instead of Plone's."""

from collab.portal.distributions.look import footer_portlets
from collab.portal.distributions.look import LOGO
from collab.portal.testing import FUNCTIONAL_TESTING
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from portal_helpers import assert_page
from portal_helpers import rest_session
from portal_helpers import url
import io
import re
import transaction
import unittest


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101007a5d1d2d0000000049454e44ae426082"
)


def logo(html):
    """(src, alt) of the header logo."""
    found = re.search(r'<a id="portal-logo"[^>]*>\s*<img([^>]*)>', html)
    attributes = dict(re.findall(r'(\w+)="([^"]*)"', found.group(1)))
    return attributes["src"], attributes["alt"]


class TestLook(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.base = self.portal.absolute_url()

    def browser(self, language="en", admin=False):
        browser = Browser(self.layer["app"])
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        browser.addHeader("Accept-Language", language)
        if admin:
            browser.addHeader(
                "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
            )
        return browser

    def test_demo_site_wears_our_logo_and_footer(self):
        texts = {
            "en": ("© The secretariat.", ">Site Map<"),
            "es": ("© La secretaría.", ">Mapa del Sitio<"),
            "fr": ("© Le secrétariat.", ">Plan du site<"),
        }
        for code, (footer, site_action) in texts.items():
            browser = self.browser(code)
            browser.open(f"{self.base}/{code}")
            html = assert_page(self, browser, footer, site_action)
            self.assertEqual(
                logo(html)[0], f"{self.base}/@@site-logo/collab-portal-emblem.svg"
            )
            for plone in ("plone-logo", "Powered by Plone", "Plone Foundation"):
                self.assertNotIn(plone, html, code)
            others = [t for c, (t, _a) in texts.items() if c != code]
            self.assertFalse([t for t in others if t in html], code)
        browser.open(f"{self.base}/@@site-logo/collab-portal-emblem.svg")
        self.assertEqual(browser.contents, LOGO.read_bytes())

    def test_footer_text_is_a_portlet_the_secretariat_edits(self):
        (portlet,) = footer_portlets(self.portal["fr"]).values()
        portlet.text = portlet.text.__class__(
            "<p>Secrétariat de la Convention</p>", "text/html", "text/x-html-safe"
        )
        transaction.commit()
        browser = self.browser("fr")
        browser.open(f"{self.base}/fr")
        assert_page(self, browser, "Secrétariat de la Convention")
        self.assertNotIn("© Le secrétariat.", browser.contents)

    def test_site_setup_page_sets_title_and_logo(self):
        browser = self.browser(admin=True)
        browser.open(f"{self.base}/@@site-controlpanel")
        browser.getControl(name="form.widgets.site_title").value = "Treaty Portal"
        # The demo's emblem is there: replace it.
        browser.getControl(name="form.widgets.site_logo.action").value = ["replace"]
        browser.getControl(name="form.widgets.site_logo").add_file(
            io.BytesIO(PNG), "image/png", "treaty-logo.png"
        )
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Changes saved")
        anonymous = self.browser("es")
        anonymous.open(f"{self.base}/es")
        src, alt = logo(assert_page(self, anonymous, "action-item-sitemap"))
        self.assertEqual(src, f"{self.base}/@@site-logo/treaty-logo.png")
        self.assertEqual(alt, "Treaty Portal")
        anonymous.open(src)
        self.assertEqual(anonymous.contents, PNG)

    def test_rest_site_controlpanel_sets_the_title(self):
        admin = rest_session(self.base, "admin")
        response = admin.patch(
            url(admin, "@controlpanels/site"), json={"site_title": "Treaty Portal"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        browser = self.browser("fr")
        browser.open(f"{self.base}/fr")
        html = assert_page(self, browser, "action-item-sitemap")
        self.assertEqual(logo(html)[1], "Treaty Portal")
        self.assertIn(
            '<meta property="og:site_name" content="Treaty Portal" />',
            browser.contents,
        )
