"""``POST <forum or group>/@follow`` ``{"mode": "immediate" | "digest"}``:
follow (201) or change how (200). Without ``mode``: immediate."""

from collab.portal.errors import json_object
from collab.portal.following.followers import BAD_MODE
from collab.portal.following.followers import follow
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.followers import language_of
from collab.portal.following.followers import MODES
from collab.portal.following.services.follow.state import check_view
from collab.portal.following.services.follow.state import follow_state
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class FollowPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        check_view(self.context)
        body = json_object(self.request)
        mode = body.get("mode", IMMEDIATE)
        if not isinstance(mode, str) or mode not in MODES:
            raise BadRequest(translate(BAD_MODE, context=self.request))
        userid = api.user.get_current().getId()
        _record, created = follow(
            self.context, userid, mode, language=language_of(self.context)
        )
        self.request.response.setStatus(201 if created else 200)
        return follow_state(self.context, userid)
