"""``PATCH /@users/<id>``: plone.restapi's service, member fields checked
first (``fields.py``)."""

from collab.portal.services.users.fields import check_member_fields
from plone.restapi.services.users.update import UsersPatch


class MemberUsersPatch(UsersPatch):
    def reply(self):
        check_member_fields(self.request)
        return super().reply()
