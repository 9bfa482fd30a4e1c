"""What the catalog knows of a contact: its address for the uniqueness
check and lookups, and a sort key by family name."""

from collab.portal.content.contact import email_key
from collab.portal.content.contact import IContact
from plone.i18n.normalizer.base import mapUnicode
from plone.indexer import indexer


@indexer(IContact)
def contact_email(contact):
    return email_key(contact.email) if contact.email else None


@indexer(IContact)
def sortable_title(contact):
    """Folder listings and searches sorted by title list contacts by
    family name, then given name."""
    names = (contact.family_name or "", contact.given_name or "")
    return mapUnicode(" ".join(names)).lower().strip()
