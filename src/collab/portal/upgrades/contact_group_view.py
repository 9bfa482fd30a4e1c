"""Upgrade to 1012: members of a contact group (the local role
``ContactGroupMember``) may view the group, not only its address list.

Without View on the group, Plone leaves out every header viewlet of the
address list page (title, logo, search, navigation: they ask for View on
the context), so members got a page without a title or a way home. The
workflow import changes the state's permissions; existing groups keep
their old ones until their role mappings are updated, here.
"""

from plone import api


def update_contact_group_security(context):
    """The group's own workflow (since 1014 not the contacts workflow)."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactGroup"):
        group = brain._unrestrictedGetObject()
        changed = False
        for workflow in workflow_tool.getWorkflowsFor(group):
            changed = workflow.updateRoleMappingsFor(group) or changed
        if changed:
            group.reindexObjectSecurity()
