"""The skip link: the first thing a keyboard reaches on every page
(WCAG 2.4.1), which Plone 6.2 Classic does not have.

Barceloneta puts Plone's toolbar before the header, so for those who see
the toolbar the link is its first element (``toolbar.pt``); for everyone
else this viewlet, first in the header, draws it. ``collab-portal.js``
moves the focus to the content when it is followed.
"""

from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter


class SkipLinkViewlet(ViewletBase):
    link = ViewPageTemplateFile("skip_link.pt")

    def render(self):
        state = getMultiAdapter(
            (self.context, self.request), name="plone_context_state"
        )
        if state.is_toolbar_visible():
            return ""
        return self.link()
