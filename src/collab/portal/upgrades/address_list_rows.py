"""Upgrade to 1013: address lists read from the catalog (issue 12).

The catalog import adds the ``contact_intid``, ``contact_country`` and
``contact_organisation`` indexes and the ``address_row`` metadata column;
existing contacts are reindexed here so that the indexes know them and
their brains carry the row, and every contact group keeps its members'
intids (``contacts.groups.remember_member_intids``). Until then an
address list would show nobody: this is why it is a step and not left to
the next edit of each contact.
"""

from collab.portal.contacts.groups import remember_member_intids
from plone import api


INDEXES = ["contact_intid", "contact_country", "contact_organisation"]


def reindex_contacts(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        # Metadata is only written with update_metadata; the other indexes
        # are as they were.
        catalog.catalog_object(contact, idxs=INDEXES, update_metadata=True)
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        remember_member_intids(brain._unrestrictedGetObject())
