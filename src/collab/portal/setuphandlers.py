"""Install and uninstall hooks of the GenericSetup profiles."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the uninstall profile and our dependencies' internals out of
    the add-ons control panel and the site creation form."""

    def getNonInstallableProfiles(self):
        return ["collab.portal:uninstall"]

    def getNonInstallableProducts(self):
        return ["collab.portal.upgrades"]


def post_install(tool):
    """What the default profile's XML cannot do: the PAS plugin of the
    drafts' guests in the site's ``acl_users`` and the CMFEditions
    modifier that keeps a draft's comments out of its versions. (GenericSetup hands a
    post handler the setup tool.)"""
    from collab.portal.drafts import pas
    from collab.portal.drafts import versions
    from plone import api

    pas.install(api.portal.get())
    versions.install_modifier()


def uninstall(context):
    """Undo what registry.xml cannot remove: single list elements; and the
    drafts' guest plugin."""
    from collab.portal.drafts import pas
    from collab.portal.drafts import versions
    from plone import api

    pas.uninstall(api.portal.get())
    versions.uninstall_modifier()

    shown = api.portal.get_registry_record("plone.displayed_types", default=())
    api.portal.set_registry_record(
        "plone.displayed_types", tuple(t for t in shown if t != "Forum")
    )
    # Back to Plone's member fields (without organisation and country).
    api.portal.get_tool("portal_setup").runImportStepFromProfile(
        "profile-plone.app.users:default", "usersschema"
    )
