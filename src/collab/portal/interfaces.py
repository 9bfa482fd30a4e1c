"""Marker interfaces shared across the package."""

from plone.app.discussion.interfaces import IDiscussionLayer
from plone.app.z3cform.interfaces import IPloneFormLayer
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer, IDiscussionLayer, IPloneFormLayer):
    """Views, viewlets and services of collab.portal only exist on sites
    where the add-on is installed (registered by browserlayer.xml).

    It extends plone.app.discussion's layer, which the add-on always
    stands on, so the add-on's comment viewlet is preferred to Plone's
    where both are registered for the same content. It extends
    plone.app.z3cform's form layer for the same reason: the theme layer's
    widget templates (browser/theme) are preferred to Plone's."""
