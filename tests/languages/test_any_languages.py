"""Translations land in their own language's folder whatever languages the
site has: a site in en, es, fr, ar, zh and ru, as a secretariat that adds
the other UN languages has it (issue 23, item 33)."""

from Acquisition import aq_parent
from collab.portal.content.translations import translations
from collab.portal.distributions.languages import normalise_languages
from collab.portal.distributions.languages import UN_LANGUAGES
from languages.helpers import SixLanguagesTestCase
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.uuid.utils import uuidToObject
from plone.base.interfaces import ILanguage
from plone.uuid.interfaces import IUUID
from portal_helpers import create_role_users
from portal_helpers import rest_session
from portal_helpers import url
import transaction


NEW = ("ar", "zh", "ru")


class TestLanguageRoots(SixLanguagesTestCase):
    def test_a_root_and_a_front_page_per_language(self):
        for code in UN_LANGUAGES:
            root = self.portal[code]
            self.assertTrue(ILanguageRootFolder.providedBy(root), code)
            self.assertEqual(ILanguage(root["front-page"]).get_language(), code)
        pages = translations(self.portal["en"]["front-page"])
        self.assertEqual(sorted(pages), sorted(UN_LANGUAGES))

    def test_any_language_plone_knows(self):
        self.assertEqual(
            normalise_languages(["ca", "pt-br", "en"]), ["en", "ca", "pt-br"]
        )
        with self.assertRaises(ValueError):
            normalise_languages(["en", "xx"])


class TestTranslationsLand(SixLanguagesTestCase):
    def test_translate_a_document_into_each_language(self):
        manager = ITranslationManager(self.document)
        with api.env.adopt_roles(["Manager"]):
            for code in UN_LANGUAGES[1:]:
                manager.add_translation(code)
        for code in UN_LANGUAGES[1:]:
            version = manager.get_translation(code)
            self.assertEqual(aq_parent(version), self.portal[code], code)
            self.assertEqual(ILanguage(version).get_language(), code)
        self.assertEqual(sorted(translations(self.document)), sorted(UN_LANGUAGES))

    def test_translate_into_page_in_chinese(self):
        create_role_users(self.portal)
        browser = self.browser(login="manager")
        browser.open(
            f"{self.portal.absolute_url()}/zh/++addtranslation++{IUUID(self.document)}"
        )
        browser.getControl(name="form.widgets.IDublinCore.title").value = "职权范围"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        chinese = translations(self.document)["zh"]
        self.assertEqual(aq_parent(chinese), self.portal["zh"])
        self.assertTrue(browser.url.startswith(chinese.absolute_url()), browser.url)

    def test_unlink_and_link_again(self):
        manager = ITranslationManager(self.document)
        with api.env.adopt_roles(["Manager"]):
            manager.add_translation("ar")
            arabic = manager.get_translation("ar")
            manager.remove_translation("ar")
            self.assertNotIn("ar", translations(self.document))
            self.assertIn(arabic.getId(), self.portal["ar"].objectIds())
            manager.register_translation("ar", arabic)
        self.assertEqual(translations(self.document)["ar"], arabic)

    def test_rest_translation_of_a_forum_and_its_group(self):
        from forum.helpers import make_forum

        forum = make_forum(self.portal["en"])
        transaction.commit()
        admin = rest_session(self.portal.absolute_url(), "admin")
        for code in NEW:
            response = admin.post(
                url(admin, code),
                json={
                    "@type": "Forum",
                    "title": f"Forum {code}",
                    "opens": forum.opens.isoformat(),
                    "closes": forum.closes.isoformat(),
                    "translation_of": IUUID(forum),
                    "language": code,
                },
            )
            self.assertEqual(response.status_code, 201, response.text)
            group = forum["monitoring"]
            response = admin.post(
                response.json()["@id"],
                json={
                    "@type": "DiscussionGroup",
                    "title": f"Group {code}",
                    "opens": group.opens.isoformat(),
                    "closes": group.closes.isoformat(),
                    "translation_of": IUUID(group),
                    "language": code,
                },
            )
            self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        for code in NEW:
            version = translations(forum)[code]
            self.assertEqual(aq_parent(version), self.portal[code])
            group = translations(forum["monitoring"])[code]
            self.assertEqual(aq_parent(group), version)
            self.assertEqual(uuidToObject(IUUID(group)).Language(), code)
