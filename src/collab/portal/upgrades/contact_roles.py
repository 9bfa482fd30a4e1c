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
  later inherits them. Records in other groups are left alone here: a
  user an external source (LDAP) fails to find during the upgrade would
  lose them.
"""

from collab.portal.contacts.groups import sync_linked_group
from collab.portal.contacts.principals import note_link
from plone import api


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


def forget_deleted_users(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Contact"):
        contact = brain._unrestrictedGetObject()
        userid = contact.linked_user
        if userid and api.user.get(userid=userid) is None:
            contact.linked_user = None
            note_link(contact)
            contact.reindexObject()
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        sync_linked_group(brain._unrestrictedGetObject())
