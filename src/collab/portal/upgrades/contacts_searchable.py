"""Upgrade to 1015: contacts in Plone's full-text search (issue 23).

``contacts.indexers.SearchableText`` gives a contact's name, organisation,
address and phone to the ``SearchableText`` index; contacts stored before
it are reindexed here, or the secretariat would find only those edited
since.
"""

from plone import api


def reindex_contacts_text(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            idxs=["SearchableText"],
            update_metadata=False,
        )
