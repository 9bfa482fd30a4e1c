"""``POST /@users`` (self-registration, adding members as a manager, and
a manager's CSV file of users): plone.restapi's service, member fields
checked first (``fields.py``, ``csv_rows.py``), so a refused registration
or file creates no account."""

from collab.portal.services.users.csv_rows import check_csv_rows
from collab.portal.services.users.fields import check_member_fields
from plone.restapi.services.users.add import UsersPost


class MemberUsersPost(UsersPost):
    def reply(self):
        # plone.restapi reads a form (a multipart upload) as a CSV file.
        if self.request.form:
            check_csv_rows(self.request)
        else:
            check_member_fields(self.request)
        return super().reply()
