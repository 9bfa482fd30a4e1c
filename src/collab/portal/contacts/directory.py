"""The secretariat's contact directory: where it is, who works in it, and
finding a contact by address (for the import, mailings and meetings).

The distribution makes one directory at ``/contacts`` and a ``Secretariat``
group holding the Secretariat role; old sites get both from the upgrade
to 1011.
"""

from collab.portal import _
from collab.portal.content.contact import contacts_with_email
from collab.portal.content.contact import directory_of
from plone import api
from zope.i18n import translate


DIRECTORY_ID = "contacts"
SECRETARIAT_GROUP = "Secretariat"


def find_directory(context=None):
    """The directory ``context`` is in, else the site's ``/contacts``."""
    if context is not None:
        directory = directory_of(context)
        if directory is not None:
            return directory
    portal = api.portal.get()
    directory = portal.get(DIRECTORY_ID)
    if directory is not None and directory.portal_type == "ContactDirectory":
        return directory
    return None


def contact_by_email(directory, email):
    """The directory's contact with this primary address (any case), or
    None."""
    for brain in contacts_with_email(directory, email):
        return brain._unrestrictedGetObject()
    return None


def contacts_by_email(directory):
    """``{address key: catalog brain}`` of the whole directory, read from
    the ``contact_email`` index: an import of thousands of rows asks the
    catalog once and wakes only the contacts it touches (the index's own
    ``getEntryForObject``, through ZCatalog's ``Indexes``)."""
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog.Indexes["contact_email"]
    brains = catalog.unrestrictedSearchResults(
        portal_type="Contact", path="/".join(directory.getPhysicalPath())
    )
    found = {}
    for brain in brains:
        key = index.getEntryForObject(brain.getRID(), None)
        if key:
            found.setdefault(key, brain)
    return found


def ensure_directory(portal):
    """``/contacts``, made once; internal by its workflow, out of the
    navigation."""
    directory = portal.get(DIRECTORY_ID)
    if directory is not None:
        return directory
    with api.env.adopt_roles(["Manager"]):
        directory = api.content.create(
            portal,
            "ContactDirectory",
            id=DIRECTORY_ID,
            title=translate(_("Contacts"), target_language="en"),
            exclude_from_nav=True,
        )
    return directory


def ensure_secretariat_group():
    """The group whose members are the secretariat: the site administrator
    puts people in it instead of giving them a role one by one."""
    if api.group.get(groupname=SECRETARIAT_GROUP) is None:
        api.group.create(
            groupname=SECRETARIAT_GROUP,
            title="Secretariat",
            description="Manages contacts, contact groups and mailings.",
            roles=["Secretariat"],
        )
    return api.group.get(groupname=SECRETARIAT_GROUP)
