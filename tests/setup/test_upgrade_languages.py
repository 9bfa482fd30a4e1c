"""Upgrade 1014 to 1015: contacts stored before they had full-text search
are reindexed, so the secretariat finds them; the registry gets the
secretariat's name per language."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from portal_helpers import PROFILE_VERSION
import unittest


PROFILE = "collab.portal:default"
EDIT_COMMENTS = (
    "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled"
)


class TestLanguagesUpgrade(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.catalog = api.portal.get_tool("portal_catalog")
        self.setup = api.portal.get_tool("portal_setup")

    def found(self):
        return [
            b.getPath()
            for b in self.catalog.unrestrictedSearchResults(
                SearchableText="Wetlands", portal_type="Contact"
            )
        ]

    def test_existing_contacts_become_searchable(self):
        make_directory(self.portal)
        ana = self.portal["contacts"]["ana-perez"]
        ana.organisation = "Wetlands Trust"
        ana.reindexObject()
        path = "/".join(ana.getPhysicalPath())
        self.assertIn(path, self.found())
        # A site of 1014: the text index knows nothing of the contact.
        index = self.catalog._catalog.getIndex("SearchableText")
        index.unindex_object(self.catalog.getrid(path))
        self.assertNotIn(path, self.found())
        self.setup.setLastVersionForProfile(PROFILE, "1014")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertIn(path, self.found())

    def test_secretariat_names_record_added(self):
        registry = api.portal.get_tool("portal_registry")
        name = "collab.portal.secretariat_name_translations"
        del registry.records[name]
        registry["collab.portal.secretariat_name"] = "Ramsar Secretariat"
        # A choice the secretariat made after installing stays.
        registry[EDIT_COMMENTS] = False
        self.setup.setLastVersionForProfile(PROFILE, "1014")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(registry[name], [])
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.secretariat_name"),
            "Ramsar Secretariat",
        )
        self.assertFalse(registry[EDIT_COMMENTS])
