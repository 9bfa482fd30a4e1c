"""Plone's views and viewlet managers with the theme layer's templates."""

from plone.app.discussion.browser.moderation import View as PloneModerationView
from plone.app.layout.viewlets.toolbar import ToolbarViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class Toolbar(ToolbarViewletManager):
    custom_template = ViewPageTemplateFile("toolbar.pt")
    skip_link = ViewPageTemplateFile("skip_link.pt")


class ModerationView(PloneModerationView):
    template = ViewPageTemplateFile("moderation.pt")
