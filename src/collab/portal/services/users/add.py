"""``POST /@users`` (self-registration and adding members as a manager):
plone.restapi's service, member fields checked first (``fields.py``), so
a refused registration creates no account."""

from collab.portal.services.users.fields import check_member_fields
from plone.restapi.services.users.add import UsersPost


class MemberUsersPost(UsersPost):
    def reply(self):
        check_member_fields(self.request)
        return super().reply()
