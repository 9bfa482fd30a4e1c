"""The portal's member fields, checked before plone.restapi stores them.

plone.restapi stores member properties as sent; the registration and
personal-information forms validate them. REST gets the same rules
(``members.fields.field_error``, which the forms ask too), and is told
when it sends what it may not change instead of having it ignored.
"""

from collab.portal import _
from collab.portal.errors import json_object
from collab.portal.members.fields import field_error
from plone import api
from plone.restapi.permissions import PloneManageUsers
from zExceptions import BadRequest
from zope.i18n import translate


CHECKED = ("fullname", "home_page", "location", "organisation", "country")


def check_member_fields(request, body=None):
    """Raise a translated BadRequest for the first refused field."""
    body = json_object(request) if body is None else body
    for name in CHECKED:
        error = field_error(name, body.get(name))
        if error is not None:
            raise BadRequest(translate(error, context=request))
    return body


def refuse_ignored_fields(request, body):
    """``PATCH @users`` applies ``roles`` for user managers only and never
    ``groups`` (that is ``@groups``); a 204 would tell the client they were
    changed."""
    ignored = ["groups"]
    if not api.user.has_permission(PloneManageUsers, obj=api.portal.get()):
        ignored.append("roles")
    sent = [name for name in ignored if name in body]
    if sent:
        raise BadRequest(
            translate(
                _(
                    "member_fields_not_changeable",
                    default="You cannot change ${fields} here.",
                    mapping={"fields": ", ".join(sent)},
                ),
                context=request,
            )
        )
