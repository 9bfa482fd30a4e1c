"""Upgrade to 1014: the ContactGroupMember role reads its own groups and
nothing else, and ids of users deleted before 1014 keep nothing (issue 23).

- Contact groups get a workflow of their own
  (``collab_contact_group_workflow``) that lets the role see them; the
  contacts workflow (directory, contacts, mailings) no longer gives it
  anything. A role granted site-wide in Users and Groups opened every
  contact, mailing and delivery log. The workflow import changes the
  definitions; existing objects keep their old role maps until they are
  updated, here.
- Before 1014 a deleted user left its contacts' links and its contact
  groups' records behind (``contacts/principals.py`` now clears them, and
  every group record, at deletion): links naming no existing user are
  dropped and the groups synced, so nobody who registers such an id
  later inherits them; only on a site whose users all live in its own
  user folder (a user an external source, LDAP, fails to find during the
  upgrade would lose its links for good). Records in other groups are
  left alone here for the same reason.
"""

from collab.portal import logger
from collab.portal.contacts.groups import sync_linked_group
from collab.portal.contacts.principals import note_link
from collab.portal.drafts.pas import GuestPlugin
from plone import api
from Products.PlonePAS.plugins.property import ZODBMutablePropertyProvider
from Products.PluggableAuthService.interfaces.plugins import IUserEnumerationPlugin
from Products.PluggableAuthService.plugins.ZODBUserManager import ZODBUserManager


TYPES = ("ContactDirectory", "Contact", "ContactGroup", "Mailing")


def update_contacts_security(context):
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        obj = brain._unrestrictedGetObject()
        changed = False
        for workflow in workflow_tool.getWorkflowsFor(obj):
            changed = workflow.updateRoleMappingsFor(obj) or changed
        if changed:
            obj.reindexObjectSecurity()


# The user sources of a site whose users all live in its own user folder
# (PlonePAS's ``source_users`` and ``mutable_properties``), and the draft
# guests' plugin (it lists the live guests of this site's own drafts,
# never a member): a user they do not find has been deleted.
OWN_USER_SOURCES = (ZODBUserManager, ZODBMutablePropertyProvider, GuestPlugin)


def users_are_all_local():
    """Only this site's own user folder lists users: not finding one is
    final. With an external source (LDAP, Keycloak...) a user may only be
    out of reach during the upgrade, and unlinking would be for good."""
    acl_users = api.portal.get_tool("acl_users")
    plugins = acl_users.plugins.listPlugins(IUserEnumerationPlugin)
    return all(isinstance(plugin, OWN_USER_SOURCES) for _id, plugin in plugins)


def forget_deleted_users(context):
    catalog = api.portal.get_tool("portal_catalog")
    final = users_are_all_local()
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        userid = contact.linked_user
        if not userid or api.user.get(userid=userid) is not None:
            continue
        if not final:
            logger.warning(
                "Contact %s stays linked to user %s, who was not found: the "
                "site also has users from elsewhere, which may be out of reach",
                "/".join(contact.getPhysicalPath()),
                userid,
            )
            continue
        contact.linked_user = None
        note_link(contact)
        contact.reindexObject()
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        sync_linked_group(brain._unrestrictedGetObject())
