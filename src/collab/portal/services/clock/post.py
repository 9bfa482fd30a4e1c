"""``POST /@clock`` (also ``/@forum-clock``): one tick (cron, make start)."""

from collab.portal.clock import tick
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ClockPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return {"changes": tick()}
