"""``POST <mailing>/@resend-failed``: the failed messages get a new
attempt, written by the clock as the first ones were (202); the others
are untouched, so none goes out twice."""

from collab.portal.contacts.sending import resend_failed
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ResendFailedPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        count = resend_failed(self.context)
        self.request.response.setStatus(202 if count else 200)
        return {
            "@id": f"{self.context.absolute_url()}/@delivery",
            "resent": count,
        }
