"""Upgrade to 1017: the drafts' guests (issue 22, Behaviour 2).

The role ``DraftGuest`` (rolemap) and the PAS plugin that signs a guest in
by the session cookie of one draft (``drafts.pas``) are what a new site
gets from the default profile; an existing site gets them here. Adding the
plugin twice changes nothing.
"""

from collab.portal.drafts import pas
from plone import api


def install_guest_plugin(context):
    pas.install(api.portal.get())
