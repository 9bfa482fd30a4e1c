"""Upgrade to 1005: discussion groups take who may see them from their
forum, so the groups of a private forum are private too."""

from plone import api


def update_group_security(context):
    """The workflow definitions were reimported; apply them to the groups
    that exist (and to nothing else, which a full updateRoleMappings would
    walk)."""
    workflow = api.portal.get_tool("portal_workflow")
    definition = workflow["collab_discussion_group_workflow"]
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="DiscussionGroup"):
        group = brain._unrestrictedGetObject()
        if definition.updateRoleMappingsFor(group):
            group.reindexObjectSecurity()
