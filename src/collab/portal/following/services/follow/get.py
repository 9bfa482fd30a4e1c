"""``GET <forum or group>/@follow``: whether and how I follow it."""

from collab.portal.following.services.follow.state import check_view
from collab.portal.following.services.follow.state import follow_state
from plone import api
from plone.restapi.services import Service


class FollowGet(Service):
    def reply(self):
        check_view(self.context)
        return follow_state(self.context, api.user.get_current().getId())
