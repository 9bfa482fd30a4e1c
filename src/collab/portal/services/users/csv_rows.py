"""``POST @users`` with a CSV file (multipart ``file``): plone.restapi
creates one user per row, one after the other, and stores their fields
as sent. The add-on checks every row first, with the same member field
rules as the JSON body (``fields.py``), the user id and the address, and
refuses the whole file naming the first bad row, so a refused file
creates nobody (plone.restapi would keep the rows before a failing one).

Only user managers may send a file: it is for a secretariat inviting a
working group, not for visitors, who register one account at a time.
"""

from collab.portal import _
from collab.portal.members.fields import field_error
from collab.portal.services.users.fields import CHECKED
from plone import api
from plone.restapi.permissions import PloneManageUsers
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
import csv
import io


def _refused(request, row, message):
    return BadRequest(
        translate(
            _(
                "member_csv_row_refused",
                default="Row ${row}: ${message}",
                mapping={
                    "row": str(row),
                    "message": translate(message, context=request),
                },
            ),
            context=request,
        )
    )


def _rows(request, upload):
    """The file's rows as dicts; the upload is rewound for plone.restapi."""
    try:
        text = upload.read().decode("utf-8")
    except (UnicodeDecodeError, AttributeError):
        raise BadRequest(
            translate(_("The file is not a CSV file in UTF-8."), context=request)
        ) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check_csv_rows(request):
    """Raise Forbidden or a translated BadRequest naming the first bad row
    (row 2 is the first under the header); nothing is created then."""
    if not api.user.has_permission(PloneManageUsers, obj=api.portal.get()):
        raise Forbidden(
            translate(
                _("Only user managers may create users from a file."),
                context=request,
            )
        )
    registration = api.portal.get_tool("portal_registration")
    seen = set()
    for number, row in enumerate(_rows(request, request.form["file"]), start=2):
        for name in CHECKED:
            error = field_error(name, row.get(name) or None)
            if error is not None:
                raise _refused(request, number, error)
        email = (row.get("email") or "").strip()
        if email and not registration.isValidEmail(email):
            raise _refused(request, number, _("This is not a valid e-mail address."))
        userid = (row.get("username") or email).strip()
        if userid in seen or (userid and not registration.isMemberIdAllowed(userid)):
            raise _refused(
                request, number, _("This user name is taken or not allowed.")
            )
        seen.add(userid)
