"""Upgrade to 1013: address lists read from the catalog (issue 12).

The catalog import adds the ``contact_intid`` index and the
``address_row`` and ``contact_intid`` metadata columns; existing contacts
are reindexed here so that their brains carry them. Until then their
brains have no row and an address list would show nobody: this is why it
is a step and not left to the next edit of each contact.
"""

from plone import api


def reindex_contacts(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        # Metadata is only written with update_metadata; the other indexes
        # are as they were.
        catalog.catalog_object(contact, idxs=["contact_intid"], update_metadata=True)
