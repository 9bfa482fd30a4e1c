"""Marker interfaces shared across the package."""

from zope.interface import alsoProvides
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Views, viewlets and services of collab.portal only exist on sites
    where the add-on is installed (registered by browserlayer.xml)."""


class IShownError(Interface):
    """An error raised with a translated message written for the reader:
    pages show that message instead of Plone's generic error page."""


def shown(error):
    """Mark ``error`` as an IShownError and return it, for ``raise``."""
    alsoProvides(error, IShownError)
    return error
