"""Marker interfaces shared across the package."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Views, viewlets and services of collab.portal only exist on sites
    where the add-on is installed (registered by browserlayer.xml)."""
