"""``POST /@forum-clock``: run the forum clock once (cron, make start)."""

from collab.portal.forum.clock import tick
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ForumClockPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return {"changes": tick()}
