"""Members of a contact group, their roles, and the linked Plone group.

Every member contact with a linked site user is in the group's Plone group
and nobody else is, whatever changed: ``sync_linked_group`` rebuilds the
membership from the contacts each time (subscribers.py calls it), so no
event order can leave it wrong. The Plone group has the local role
``ContactGroupMember`` on its contact group, which grants "View address
list" there and nothing else: sharing and workflows can give the same
Plone group access to any folder.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from collab.portal import _
from collab.portal.contacts.principals import link_is_current
from collab.portal.content.contact import control_character_message
from collab.portal.content.contact_group import IContactGroup
from collab.portal.recipients import IGroupContacts
from plone import api
from plone.uuid.interfaces import ATTRIBUTE_NAME
from zope.component import adapter
from zope.interface import implementer
from zope.lifecycleevent import modified


ADDRESS_LIST_ROLE = "ContactGroupMember"


def linked_group_id(group):
    """Stable across renames and moves: the UID, not the id."""
    return f"contact-group-{group.UID()}"


def contact_uid(contact):
    """The UID as plone.uuid stores it. ``UID()`` goes through
    plone.app.multilingual's adapter, which cost most of an address list
    of 2,000 members; contacts are never translated."""
    return getattr(aq_base(contact), ATTRIBUTE_NAME, None)


@implementer(IGroupContacts)
@adapter(IContactGroup)
class GroupContacts:
    """``recipients.IGroupContacts`` of a contact group."""

    def __init__(self, group):
        self.group = group

    def contacts(self):
        return group_members(self.group)

    def any(self):
        return bool(member_intids(self.group) or relation_intids(self.group))


def group_members(group, excluding=None):
    """The member contacts, in the group's order, without broken relations
    (a deleted contact), without ``excluding`` (a contact being deleted)
    and without anything else a relation stored before members were
    checked may point to (a document, the group itself)."""
    members, seen = [], set()
    skipped = contact_uid(excluding) if excluding is not None else None
    for relation in group.members or ():
        if relation.to_id in seen or relation.isBroken():
            continue
        contact = relation.to_object
        if getattr(contact, "portal_type", None) != "Contact" or (
            skipped and contact_uid(contact) == skipped
        ):
            continue
        seen.add(relation.to_id)
        members.append(contact)
    return members


def relation_intids(group):
    """The intids the group's member relations point to, in order, each
    once (a deleted contact's stays until the relation is dropped; the
    catalog no longer knows it)."""
    intids = []
    for relation in group.members or ():
        to_id = relation.to_id
        if to_id is not None and to_id not in intids:
            intids.append(to_id)
    return tuple(intids)


def member_intids(group):
    """The members' intids as the group keeps them (``remember_member_intids``):
    one plain tuple in the group's own record, so an address list finds its
    members in the catalog without loading 2,000 relation objects to read
    their ``to_id``. A group not yet upgraded falls back to its relations."""
    stored = getattr(aq_base(group), "member_intids", None)
    return relation_intids(group) if stored is None else stored


def remember_member_intids(group):
    """Called whenever the members change (subscribers.py: added, edited,
    imported, a member deleted); writes only if they did."""
    intids = relation_intids(group)
    if getattr(aq_base(group), "member_intids", None) != intids:
        group.member_intids = intids


def member_role(group, contact):
    return (group.member_roles or {}).get(contact_uid(contact), "")


class BadRoles(ValueError):
    """Roles for someone who is not a member, or too long; the message is a
    translatable msgid."""


def set_member_roles(group, roles):
    """``roles``: ``{contact UID: role}``; an empty role removes it. Checked
    whole before anything is stored."""
    uids = {contact_uid(contact) for contact in group_members(group)}
    cleaned = {}
    for uid, role in roles.items():
        if uid not in uids:
            raise BadRoles(_("Roles are for the group's members only."))
        role = (role or "").strip() if isinstance(role, str) else None
        if role is None or len(role) > 100 or control_character_message(role):
            raise BadRoles(_("A role is one line of at most 100 characters."))
        if role:
            cleaned[uid] = role
    group.member_roles = cleaned
    modified(group)


def groups_of(contact):
    """The contact groups that have ``contact`` among their members."""
    groups = []
    for relation in api.relation.get(
        target=contact, relationship="members", unrestricted=True
    ):
        source = relation.from_object
        if source is not None and source.portal_type == "ContactGroup":
            groups.append(source)
    return groups


def linked_users(group, excluding=None):
    """The users linked to the members, leaving out a link older than its
    user's deletion: a stranger who registered the same id since
    (principals.py)."""
    users = set()
    for contact in group_members(group, excluding=excluding):
        userid = contact.linked_user
        if (
            userid
            and link_is_current(contact, userid)
            and api.user.get(userid=userid) is not None
        ):
            users.add(userid)
    return users


def sync_linked_group(group, excluding=None):
    """Make the Plone group hold exactly the linked users of the members,
    and keep only roles of current members."""
    group = aq_inner(group)
    groups_tool = api.portal.get_tool("portal_groups")
    group_id = linked_group_id(group)
    title = f"{group.title} (contact group)"
    if groups_tool.getGroupById(group_id) is None:
        groups_tool.addGroup(group_id, title=title)
    else:
        groups_tool.editGroup(group_id, title=title)
    wanted = linked_users(group, excluding=excluding)
    current = set(groups_tool.getGroupById(group_id).getGroupMemberIds())
    for userid in current - wanted:
        groups_tool.removePrincipalFromGroup(userid, group_id)
    for userid in wanted - current:
        groups_tool.addPrincipalToGroup(userid, group_id)
    _keep_roles_of_members(group, excluding)
    if group.get_local_roles_for_userid(group_id) != (ADDRESS_LIST_ROLE,):
        group.manage_setLocalRoles(group_id, [ADDRESS_LIST_ROLE])
        group.reindexObjectSecurity()


def _keep_roles_of_members(group, excluding):
    roles = group.member_roles or {}
    uids = {contact_uid(contact) for contact in group_members(group, excluding)}
    if set(roles) - uids:
        group.member_roles = {uid: r for uid, r in roles.items() if uid in uids}


def drop_member(group, contact):
    """Remove the relation to ``contact`` (being deleted) and broken ones."""
    kept = [
        relation
        for relation in group.members or ()
        if not relation.isBroken()
        and relation.to_object is not None
        and relation.to_object.UID() != contact.UID()
    ]
    if len(kept) != len(group.members or ()):
        group.members = kept


def remove_linked_group(group):
    groups_tool = api.portal.get_tool("portal_groups")
    group_id = linked_group_id(group)
    if groups_tool.getGroupById(group_id) is not None:
        groups_tool.removeGroup(group_id)
