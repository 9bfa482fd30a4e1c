"""Upgrade to 1011: what the distribution gives new sites for contacts.

The ``/contacts`` directory and the ``Secretariat`` group, the catalog's
``contact_email`` index (unique addresses, lookups) with existing contacts
indexed and sorted by family name, and the linked Plone group of every
existing contact group.
"""

from collab.portal.contacts.directory import ensure_directory
from collab.portal.contacts.directory import ensure_secretariat_group
from collab.portal.contacts.groups import sync_linked_group
from plone import api


def add_directory_and_groups(context):
    portal = api.portal.get()
    ensure_directory(portal)
    ensure_secretariat_group()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        brain._unrestrictedGetObject().reindexObject(
            idxs=["contact_email", "sortable_title"]
        )
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        sync_linked_group(brain._unrestrictedGetObject())
