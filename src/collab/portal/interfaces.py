"""Marker interfaces shared across the package."""

from plone.app.discussion.interfaces import IDiscussionLayer
from zope.interface import alsoProvides
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer, IDiscussionLayer):
    """Views, viewlets and services of collab.portal only exist on sites
    where the add-on is installed (registered by browserlayer.xml).

    It extends plone.app.discussion's layer, which the add-on always
    stands on, so the add-on's comment viewlet is preferred to Plone's
    where both are registered for the same content."""


class IShownError(Interface):
    """An error raised with a translated message written for the reader:
    pages show that message instead of Plone's generic error page."""


def shown(error):
    """Mark ``error`` as an IShownError and return it, for ``raise``."""
    alsoProvides(error, IShownError)
    return error
