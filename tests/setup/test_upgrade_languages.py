"""Upgrade 1014 to 1015: contacts stored before they had full-text search
are reindexed, so the secretariat finds them; the registry gets the
secretariat's name per language."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from plone import api
from portal_helpers import UpgradeTestCase


EDIT_COMMENTS = (
    "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled"
)


class TestLanguagesUpgrade(UpgradeTestCase):
    layer = FUNCTIONAL_TESTING

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
        self.upgrade_from("1014")
        self.assertIn(path, self.found())

    def test_secretariat_names_record_added(self):
        registry = api.portal.get_tool("portal_registry")
        name = "collab.portal.secretariat_name_translations"
        del registry.records[name]
        registry["collab.portal.secretariat_name"] = "Ramsar Secretariat"
        # A choice the secretariat made after installing stays.
        registry[EDIT_COMMENTS] = False
        self.upgrade_from("1014")

        self.assertEqual(registry[name], [])
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.secretariat_name"),
            "Ramsar Secretariat",
        )
        self.assertFalse(registry[EDIT_COMMENTS])
