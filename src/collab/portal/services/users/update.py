"""``PATCH /@users/<id>``: plone.restapi's service, member fields checked
first (``fields.py``), fields it would ignore refused."""

from collab.portal.services.users.fields import check_member_fields
from collab.portal.services.users.fields import refuse_ignored_fields
from plone.restapi.services.users.update import UsersPatch


class MemberUsersPatch(UsersPatch):
    def reply(self):
        body = check_member_fields(self.request)
        refuse_ignored_fields(self.request, body)
        return super().reply()
