"""What the catalog knows of a contact: its address for the uniqueness
check and lookups, a sort key by family name, its intid, country and
organisation (an address list finds, filters and sorts its members by
these indexes) and its address list row (the page's rows are read from
brains)."""

from collab.portal.content.contact import email_key
from collab.portal.content.contact import IContact
from collab.portal.content.contact import ROW_FIELDS
from plone.i18n.normalizer.base import mapUnicode
from plone.indexer import indexer
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


@indexer(IContact)
def contact_email(contact):
    return email_key(contact.email) if contact.email else None


@indexer(IContact)
def sortable_title(contact):
    """Folder listings and searches sorted by title list contacts by
    family name, then given name."""
    names = (contact.family_name or "", contact.given_name or "")
    return mapUnicode(" ".join(names)).lower().strip()


@indexer(IContact)
def contact_intid(contact):
    """The contact's intid, which a group's member relations hold
    (``to_id``): an address list finds its members' brains by these in
    one query, without waking a contact or its relations' targets."""
    intids = queryUtility(IIntIds)
    return intids.queryId(contact) if intids is not None else None


@indexer(IContact)
def contact_country(contact):
    return contact.country or None


@indexer(IContact)
def contact_organisation(contact):
    """The organisation as the address list sorts it (accents and case
    folded, like ``sortable_title``)."""
    return mapUnicode(contact.organisation or "").lower().strip()


# The fields of an address list row that belong to the contact alone (the
# role is the group's, the country's name the reader's language, the URL
# the host asked): stored as one metadata column, read from brains.
@indexer(IContact)
def address_row(contact):
    row = {field: getattr(contact, field, None) or "" for field in ROW_FIELDS}
    row["name"] = contact.title or ""
    return row


@indexer(IContact)
def SearchableText(contact):
    """The secretariat finds a contact by name, organisation, address or
    phone in Plone's search. Results are filtered by the View permission,
    which the contacts workflow gives only to those who may see contacts:
    anonymous visitors and members find none."""
    fields = ("given_name", "family_name", "organisation", "email", "phone")
    words = [contact.title or ""] + [getattr(contact, f, None) or "" for f in fields]
    return " ".join(word for word in words if word)
