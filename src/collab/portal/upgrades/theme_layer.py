"""Upgrade to 1009: existing sites get the add-on's theme layer (issue 9).

Only ``profiles/default/registry/theme.xml`` is imported (the bundle
``plone.bundles/collab-portal`` and TinyMCE's resizing): importing the
whole registry step would also reset settings of ``registry.xml`` that a
secretariat may have changed since (comment editing, say).
"""

from pathlib import Path
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
import logging


THEME_XML = (
    Path(__file__).parent.parent / "profiles" / "default" / "registry" / "theme.xml"
)


class _Environ:
    """What RegistryImporter asks of a GenericSetup import context."""

    def getLogger(self, name):
        return logging.getLogger(name)

    def shouldPurge(self):
        return False


def add_theme_layer(context):
    RegistryImporter(getUtility(IRegistry), _Environ()).importDocument(
        THEME_XML.read_bytes()
    )
