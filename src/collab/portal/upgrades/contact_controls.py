"""Upgrade to 1016: control characters already stored in contacts and
contact groups (issue 23, item 3) are replaced by spaces.

From 1016 the fields refuse them on every channel. A value stored before
(a vertical tab from Word through the personal link, CR/LF over REST, a
C1 control from an import read as Latin-1) would otherwise make the
contact's or group's edit form refuse to save until it was retyped, and
reach every mail and page. A one-line field gets a space for each such
character (``content.contact.as_one_line``), a text of several lines
(notes, a group's summary) keeps its line breaks and tabs.
"""

from collab.portal.content.contact import as_one_line
from collab.portal.content.contact import TEXT_REFUSED
from plone import api
import logging


logger = logging.getLogger("collab.portal")

CONTACT_LINES = ("salutation", "given_name", "family_name", "organisation")


def _as_text(value):
    if not isinstance(value, str):
        return value
    return TEXT_REFUSED.sub(" ", value.replace("\r\n", "\n"))


def _cleaned(obj, names, clean):
    """Set each field to its cleaned value where it differs; True if any."""
    changed = False
    for name in names:
        value = getattr(obj, name, None)
        if clean(value) != value:
            setattr(obj, name, clean(value))
            changed = True
    return changed


def clean_control_characters(context):
    catalog = api.portal.get_tool("portal_catalog")
    cleaned = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        changed = _cleaned(contact, CONTACT_LINES, as_one_line)
        changed = _cleaned(contact, ("notes",), _as_text) or changed
        if changed:
            contact.reindexObject()
            cleaned += 1
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        group = brain._unrestrictedGetObject()
        changed = _cleaned(group, ("title",), as_one_line)
        changed = _cleaned(group, ("description",), _as_text) or changed
        roles = group.member_roles or {}
        if any(as_one_line(role) != role for role in roles.values()):
            group.member_roles = {uid: as_one_line(r) for uid, r in roles.items()}
            changed = True
        if changed:
            group.reindexObject()
            cleaned += 1
    logger.info("Control characters replaced in %s contacts and groups", cleaned)
