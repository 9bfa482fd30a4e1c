"""Plone's views and viewlet managers with the theme layer's templates."""

from collab.portal.mail.send import mailto_url
from plone.app.discussion.browser.moderation import View as PloneModerationView
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class Toolbar(ToolbarViewletManager):
    custom_template = ViewPageTemplateFile("toolbar.pt")
    skip_link = ViewPageTemplateFile("skip_link.pt")


class ModerationView(PloneModerationView):
    template = ViewPageTemplateFile("moderation.pt")

    def mailto(self, address):
        """The author's mailto: link, percent-encoded (RFC 6068): an
        address may hold & or # (a site's member address too)."""
        return mailto_url(to=[address])
