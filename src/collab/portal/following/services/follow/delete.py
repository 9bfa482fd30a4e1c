"""``DELETE <forum or group>/@follow``: stop following (204, also when I
did not follow: the outcome is the same)."""

from collab.portal.following.followers import unfollow
from collab.portal.following.services.follow.state import check_view
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class FollowDelete(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        check_view(self.context)
        unfollow(self.context, api.user.get_current().getId())
        return self.reply_no_content()
