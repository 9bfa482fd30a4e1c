"""An editor's translation gets an id from its own (translated) title, on
every channel that makes one: plone.app.multilingual's "Translate into"
(``++addtranslation++``) and REST (``POST`` with ``translation_of``)."""

from collab.portal.content.translations import translations
from forum.helpers import ForumTestCase
from plone.app.uuid.utils import uuidToObject
from plone.uuid.interfaces import IUUID
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestTranslationIds(ForumTestCase):
    def test_translate_into_page(self):
        browser = self.browser(login="editor")
        browser.open(
            f"{self.portal.absolute_url()}/fr/++addtranslation++{IUUID(self.forum)}"
        )
        browser.getControl(
            name="form.widgets.IDublinCore.title"
        ).value = "Approches stratégiques du renforcement des capacités"
        # The window is asked again, though plone.app.multilingual copies
        # it from the English version (language-independent fields).
        for name in ("opens", "closes"):
            value = getattr(self.forum, name).strftime("%Y-%m-%dT%H:%M")
            browser.getControl(name=f"form.widgets.{name}").value = value
        browser.getControl(name="form.buttons.save").click()
        expected = "approches-strategiques-du-renforcement-des-capacites"
        self.assertEqual(
            browser.url, f"{self.portal.absolute_url()}/fr/{expected}/view"
        )
        transaction.begin()
        self.assertEqual(translations(self.forum)["fr"].getId(), expected)

    def test_rest_translation_of(self):
        editor = rest_session(self.portal.absolute_url(), "editor")
        response = editor.post(
            url(editor, "es"),
            json={
                "@type": "Forum",
                "title": "Enfoques estratégicos de creación de capacidad",
                "opens": self.forum.opens.isoformat(),
                "closes": self.forum.closes.isoformat(),
                "translation_of": IUUID(self.forum),
                "language": "es",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        expected = "enfoques-estrategicos-de-creacion-de-capacidad"
        self.assertEqual(response.json()["id"], expected)
        transaction.begin()
        spanish = uuidToObject(response.json()["UID"])
        self.assertEqual(translations(self.forum)["es"], spanish)
        self.assertEqual(
            spanish.absolute_url(), f"{self.portal.absolute_url()}/es/{expected}"
        )
