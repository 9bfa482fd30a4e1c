"""Upgrade 1008 to 1009 gives existing sites the theme layer: the CSS and
JavaScript bundle, TinyMCE without its resize handle, the skip link first
in the header; and leaves the secretariat's other settings alone."""

from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
from plone.registry.interfaces import IRegistry
from portal_helpers import UpgradeTestCase
from zope.component import getUtility


BUNDLE = "plone.bundles/collab-portal"
EDIT_COMMENTS = (
    "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled"
)


def header_order():
    storage = getUtility(IViewletSettingsStorage)
    skin = api.portal.get_tool("portal_skins").getDefaultSkin()
    return list(storage.getOrder("plone.portalheader", skin))


class TestThemeLayerUpgrade(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        super().setUp()
        self.registry = getUtility(IRegistry)

    def test_new_site_has_the_theme_layer(self):
        self.assertEqual(
            self.registry[f"{BUNDLE}.csscompilation"],
            "++plone++collab.portal/collab-portal.css",
        )
        self.assertEqual(self.registry[f"{BUNDLE}.depends"], "all")
        self.assertEqual(header_order()[0], "collab.portal.skip-link")

    def test_upgrade_adds_it_to_an_existing_site(self):
        for key in list(self.registry.records.keys()):
            if key.startswith(BUNDLE + "."):
                del self.registry.records[key]
        self.registry["plone.resizing"] = True
        storage = getUtility(IViewletSettingsStorage)
        skin = api.portal.get_tool("portal_skins").getDefaultSkin()
        storage.setOrder(
            "plone.portalheader",
            skin,
            tuple(n for n in header_order() if n != "collab.portal.skip-link"),
        )
        # A choice the secretariat made after installing stays.
        self.registry[EDIT_COMMENTS] = False
        self.assertNotIn(f"{BUNDLE}.csscompilation", self.registry.records)
        self.upgrade_from("1008")
        self.assertEqual(
            self.registry[f"{BUNDLE}.csscompilation"],
            "++plone++collab.portal/collab-portal.css",
        )
        self.assertEqual(
            self.registry[f"{BUNDLE}.jscompilation"],
            "++plone++collab.portal/collab-portal.js",
        )
        self.assertTrue(self.registry[f"{BUNDLE}.enabled"])
        self.assertFalse(self.registry["plone.resizing"])
        self.assertEqual(header_order()[0], "collab.portal.skip-link")
        self.assertFalse(self.registry[EDIT_COMMENTS])
