"""What a deleted site user leaves behind, and why it must not be inherited.

A user id is only a name: once its user is deleted, anyone may register
the same id (``POST @users`` is open when self-registration is). PAS
deletes the user but keeps every group membership record naming the id,
and contacts keep ``linked_user``; a stranger registering the id would at
once be in the deleted user's groups (a contact group's Plone group, the
Secretariat group) and read their address lists.

So when a principal is deleted (``IPrincipalDeletedEvent``, which PAS
fires for every way Plone deletes a user: plone.api, ``DELETE @users``,
the Users and Groups control panel), ``forget_principal`` removes it from
every group, unlinks it from every contact, and remembers when it was
deleted. ``link_is_current`` then keeps the group sync from ever adding
an id whose user was deleted after it was linked, whatever a concurrent
edit or an old form wrote back. Local roles are left to the deletion
(Plone removes them unless told ``delete_localroles=0``, which saves a
walk of the whole site); ``principal_recreated`` removes them when, and
only when, a deleted id is registered again.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from collab.portal.clock import now
from plone import api
from plone.api.exc import CannotGetPortalError
from zope.annotation.interfaces import IAnnotations


DELETED_KEY = "collab.portal.contacts.deleted_principals"
LINKED_SINCE = "_linked_user_since"


def _deleted(create=False):
    annotations = IAnnotations(api.portal.get())
    if DELETED_KEY not in annotations and create:
        annotations[DELETED_KEY] = OOBTree()
    return annotations.get(DELETED_KEY)


def deleted_at(userid):
    """When the user ``userid`` was last deleted, or None."""
    try:
        deleted = _deleted()
    except CannotGetPortalError:
        return None
    return None if deleted is None else deleted.get(userid)


def note_link(contact):
    """Remember when the contact's linked user was set (added or edited):
    a link made after a deletion is a new decision, one made before it is
    not. Written only when the linked user changed."""
    userid = contact.linked_user or None
    noted = getattr(aq_base(contact), LINKED_SINCE, None)
    if (noted[0] if noted else None) != userid:
        setattr(contact, LINKED_SINCE, (userid, now()) if userid else None)


def link_is_current(contact, userid):
    """False when ``userid``'s user was deleted after (or, for a link
    of unknown age, at any time since) the contact was linked to it."""
    deleted = deleted_at(userid)
    if deleted is None:
        return True
    noted = getattr(aq_base(contact), LINKED_SINCE, None)
    return bool(noted) and noted[0] == userid and noted[1] > deleted


def remove_from_all_groups(principal_id):
    """PAS keeps a deleted principal's group records; drop them."""
    groups_tool = api.portal.get_tool("portal_groups")
    for group_id in groups_tool.getGroupIds():
        if principal_id in groups_tool.getGroupMembers(group_id):
            groups_tool.removePrincipalFromGroup(principal_id, group_id)


def contacts_linked_to(userid):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        if contact.linked_user == userid:
            yield contact


def forget_principal(principal_id):
    """The principal was deleted: no group keeps it, no contact links it,
    and the sync knows it must not add it back for old links. Returns the
    unlinked contacts (their groups are synced by the caller); nothing
    outside a Plone site (a Zope root user)."""
    try:
        api.portal.get()
    except CannotGetPortalError:
        return []
    _deleted(create=True)[principal_id] = now()
    remove_from_all_groups(principal_id)
    unlinked = list(contacts_linked_to(principal_id))
    for contact in unlinked:
        contact.linked_user = None
        note_link(contact)
        contact.reindexObject()
    return unlinked


def principal_recreated(principal_id):
    """A user was added with the id of a deleted one: the deleted user's
    local roles (left when the deletion was told not to walk the site)
    and group records are not theirs. Run unrestricted: the newcomer may
    be an anonymous visitor signing up."""
    if deleted_at(principal_id) is None:
        return
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_membership").deleteLocalRoles(
            portal, [principal_id], reindex=1, recursive=1
        )
        remove_from_all_groups(principal_id)
