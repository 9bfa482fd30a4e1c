"""``POST <contact>/@contact-changes`` ``{"reviewed": true}``: the
secretariat has reviewed every change so far."""

from collab.portal import _
from collab.portal.contacts.self_update import changes_of
from collab.portal.contacts.self_update import mark_reviewed
from collab.portal.errors import json_object
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class ContactChangesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if json_object(self.request).get("reviewed") is not True:
            raise BadRequest(
                translate(_('Send {"reviewed": true}.'), context=self.request)
            )
        marked = mark_reviewed(self.context, api.user.get_current().getId())
        return {"marked": marked, "items": changes_of(self.context)}
