"""Spanish and French content at Spanish and French ids: the demo makes
them so, and the upgrade to 1010 renames what older sites got at English
ids, keeping the old URLs working."""

from collab.portal.content.translations import translations
from collab.portal.forum.demo import demo_ids
from collab.portal.forum.demo import FORUM_2012
from collab.portal.forum.demo import LIVE_FORUM
from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.testing.zope import Browser
from portal_helpers import PROFILE_VERSION
from zope.component import getUtility
import transaction
import unittest


PROFILE = "collab.portal:default"


def demo_versions(portal):
    """Every demo forum and group: ``{English id: {language: object}}``."""
    found = {}
    for forum_id in (FORUM_2012["id"], LIVE_FORUM["id"]):
        forum = portal["en"][forum_id]
        for obj in [forum, *forum.contentValues()]:
            found[obj.getId()] = translations(obj)
    return found


def words(text):
    """The words of a title as Plone writes them in an id ("l'évaluation"
    gives "evaluation")."""
    normalize = getUtility(IIDNormalizer).normalize
    return set(normalize(text.replace("'", " "), max_length=500).split("-"))


class TestDemoIds(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_es_and_fr_ids_come_from_their_own_titles(self):
        versions = demo_versions(self.layer["portal"])
        self.assertEqual(len(versions), 10)
        for english_id, by_language in versions.items():
            self.assertEqual(sorted(by_language), ["en", "es", "fr"], english_id)
            for code in ("es", "fr"):
                obj = by_language[code]
                self.assertNotEqual(obj.getId(), english_id, code)
                self.assertEqual(obj.getId(), demo_ids(code)[english_id])
                self.assertLessEqual(
                    set(obj.getId().split("-")), words(obj.title), obj.getId()
                )

    def test_spanish_forum_url(self):
        forum = self.layer["portal"]["es"]["creacion-de-capacidad-2012"]
        self.assertEqual(forum.Language(), "es")
        self.assertIn("evaluacion-independiente", forum.objectIds())


def back_to_english_ids(portal):
    """What a site made before 1010 has: es/fr versions at English ids."""
    for english_id, by_language in demo_versions(portal).items():
        for code in ("es", "fr"):
            api.content.rename(obj=by_language[code], new_id=english_id)


class TestUpgradeRenames(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        back_to_english_ids(self.portal)
        self.assertIn("capacity-building-2012", self.portal["es"].objectIds())
        self.setup.setLastVersionForProfile(PROFILE, "1009")

    def test_translations_get_ids_of_their_language(self):
        # A group whose id the secretariat changed by hand stays as it is.
        es_forum = self.portal["es"]["capacity-building-2012"]
        api.content.rename(obj=es_forum["conclusions"], new_id="mis-conclusiones")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        es, fr = self.portal["es"], self.portal["fr"]
        self.assertNotIn("capacity-building-2012", es.objectIds())
        forum = es["creacion-de-capacidad-2012"]
        self.assertEqual(
            sorted(forum.objectIds()),
            sorted(
                [
                    "evaluacion-independiente",
                    "evaluar-las-necesidades",
                    "seguimiento-y-evaluacion",
                    "mecanismo-de-coordinacion",
                    "enfoques-estrategicos",
                    "mis-conclusiones",
                ]
            ),
        )
        live = fr["consultation-intersessions"]
        self.assertIn("priorites-programme-de-travail", live.objectIds())
        # Still one translation group, and the catalog knows the new paths.
        english = self.portal["en"]["capacity-building-2012"]
        self.assertEqual(translations(english)["es"], forum)
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(
            len(catalog(path="/".join(forum.getPhysicalPath()), portal_type="Forum")), 1
        )
        self.assertEqual(
            len(catalog(path="/plone/es/capacity-building-2012", portal_type="Forum")),
            0,
        )
        # A second run changes nothing.
        self.setup.setLastVersionForProfile(PROFILE, "1009")
        self.setup.upgradeProfile(PROFILE)
        self.assertIn("creacion-de-capacidad-2012", es.objectIds())

    def test_old_urls_redirect(self):
        self.setup.upgradeProfile(PROFILE)
        transaction.commit()
        browser = Browser(self.layer["app"])
        browser.handleErrors = True
        base = self.portal.absolute_url()
        browser.open(f"{base}/es/capacity-building-2012/independent-evaluation")
        self.assertEqual(
            browser.url,
            f"{base}/es/creacion-de-capacidad-2012/evaluacion-independiente",
        )
        self.assertIn(
            "Conclusiones y recomendaciones de la evaluación independiente",
            browser.contents,
        )
        browser.open(f"{base}/fr/intersessional-consultation")
        self.assertEqual(browser.url, f"{base}/fr/consultation-intersessions")
