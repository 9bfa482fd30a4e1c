"""Spanish and French pages without English left in them: the footer's
secretariat, the contacts' workflow state, the Contacts control panel and
directory, one Spanish word for a member's role (issue 23, item 21; the
French "(aucun)" beside "Fonction" went with the personal link's position
list, now read-only)."""

from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from portal_helpers import assert_page
from portal_helpers import create_role_users
from portal_helpers import page_browser
from portal_helpers import rest_session
from portal_helpers import url
from zope.i18n import translate
import transaction
import unittest


class TestFooter(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def footer(self, language):
        browser = page_browser(self.layer["app"], None, language)
        browser.open(f"{self.portal.absolute_url()}/{language}")
        assert_page(self, browser, 'id="collab-portal-secretariat"')
        return " ".join(browser.contents.split())

    def test_default_name_in_the_pages_language(self):
        self.assertIn(
            "Portal de colaboración de la <strong>Secretaría</strong>",
            self.footer("es"),
        )
        self.assertIn(
            "Portail de collaboration du <strong>Secrétariat</strong>",
            self.footer("fr"),
        )
        self.assertIn("of the <strong>Secretariat</strong>", self.footer("en"))

    def test_a_name_the_secretariat_typed_is_shown_as_typed(self):
        api.portal.set_registry_record(
            "collab.portal.secretariat_name", "Secretaría de Ramsar"
        )
        transaction.commit()
        self.assertIn("<strong>Secretaría de Ramsar</strong>", self.footer("es"))


class TestPlonesDomain(unittest.TestCase):
    """Texts Plone's own templates translate in the ``plone`` domain."""

    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)

    def test_contacts_state_translated(self):
        for language, word in (("es", "Interno"), ("fr", "Interne")):
            browser = page_browser(self.layer["app"], "manager", language)
            browser.open(f"{self.portal.absolute_url()}/contacts")
            assert_page(self, browser, 'id="plone-contentmenu-workflow"')
            self.assertIn(word, browser.contents, language)
            self.assertNotIn(">Internal<", browser.contents, language)

    def test_contacts_control_panel_translated(self):
        browser = page_browser(self.layer["app"], "manager", "es")
        browser.open(f"{self.portal.absolute_url()}/@@overview-controlpanel")
        assert_page(self, browser, "Contactos", "Portal de colaboración")

    def test_rest_state_title_translated(self):
        session = rest_session(self.portal.absolute_url(), "manager", "es")
        response = session.get(url(session, "contacts/@workflow"))
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.json()["state"]["title"], "Interno")


class TestWording(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def test_one_spanish_word_for_a_members_role(self):
        from collab.portal import _

        for msgid in ("Role in the group", "Roles in the group", "Member roles"):
            text = translate(_(msgid), target_language="es").lower()
            self.assertIn("funci", text, msgid)
        text = translate(
            _("A member's role in the group (chair, vice-chair, …) by UID."),
            target_language="es",
        )
        self.assertIn("función", text)


class TestDirectoryTitle(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)

    def heading(self, language):
        browser = page_browser(self.layer["app"], "manager", language)
        browser.open(f"{self.portal.absolute_url()}/contacts")
        assert_page(self, browser, 'class="breadcrumb-item active"')
        return " ".join(browser.contents.split())

    def test_named_in_the_readers_language(self):
        page = self.heading("es")
        self.assertIn("<h1>Contactos</h1>", page)
        self.assertIn('aria-current="page">Contactos</li>', page)
        self.assertNotIn(">Contacts<", page)
        self.assertIn("<h1>Contacts</h1>", self.heading("en"))

    def test_a_typed_title_stays(self):
        self.portal["contacts"].title = "Directorio"
        transaction.commit()
        self.assertIn("<h1>Directorio</h1>", self.heading("es"))
