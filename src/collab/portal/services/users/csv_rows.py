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


def _role_error(roles):
    """The first role of ``roles`` the current user may not give: one
    Plone does not know, or one they do not hold themselves, Managers
    giving any (Plone's registration refuses it too, but only when it
    reaches that row)."""
    known = set(api.portal.get_tool("portal_membership").getPortalRoles())
    held = set(api.user.get_roles())
    if "Manager" in held:  # as Plone's registration: a Manager gives any
        held = known
    for role in roles:
        if role != "Member" and (role not in known or role not in held):
            return _(
                "member_csv_role_refused",
                default="You may not give the role ${role}.",
                mapping={"role": role},
            )
    return None


def _row_error(row, registration, seen):
    for name in CHECKED:
        error = field_error(name, row.get(name) or None)
        if error is not None:
            return error
    email = (row.get("email") or "").strip()
    if email and not registration.isValidEmail(email):
        return _("This is not a valid e-mail address.")
    userid = (row.get("username") or email).strip()
    if userid in seen or (userid and not registration.isMemberIdAllowed(userid)):
        return _("This user name is taken or not allowed.")
    seen.add(userid)
    if row.get("password"):
        error = registration.testPasswordValidity(row["password"])
        if error:
            return error
    roles = [r.strip() for r in (row.get("roles") or "").split(",") if r.strip()]
    return _role_error(roles)


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
    upload = request.form.get("file")
    content_type = getattr(upload, "headers", {}).get("Content-Type")
    if not upload or content_type not in ("text/csv", "application/csv"):
        raise BadRequest(
            translate(
                _("Send a CSV file (text/csv) as the form field file."),
                context=request,
            )
        )
    registration = api.portal.get_tool("portal_registration")
    seen = set()
    for number, row in enumerate(_rows(request, upload), start=2):
        error = _row_error(row, registration, seen)
        if error is not None:
            raise _refused(request, number, error)
