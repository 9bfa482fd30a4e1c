"""The rules a member's fields follow, on every channel.

Plone's forms validate against the member schema (a full name is one line,
a country one of the vocabulary's codes); plone.restapi's ``@users`` stores
what it is sent. What neither checks (a ``javascript:`` home page, a name
of any length, control characters that end up in follow mails and exports)
is checked here, and both the forms (``MemberFieldValidator``) and the
REST services (``services/users/fields.py``) ask ``field_error``.
"""

from collab.portal import _
from collab.portal.vocabularies.countries import country_names
from plone.app.users.browser.register import BaseRegistrationForm
from plone.app.users.browser.userdatapanel import UserDataPanel
from z3c.form import validator
from zope.interface import Invalid
import re


# Control characters and line breaks: a one-line field holds neither.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029]")
WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

FULLNAME_MAX = 100
ORGANISATION_MAX = 200
HOME_PAGE_MAX = 500

COUNTRY = _("Choose a country by its ISO 3166 two-letter code.")
ORGANISATION = _("The organisation is one line of at most 200 characters.")
FULLNAME = _(
    "member_fullname_invalid",
    default="The full name is one line of at most ${max} characters.",
    mapping={"max": str(FULLNAME_MAX)},
)
HOME_PAGE = _(
    "member_home_page_invalid",
    default="The home page is a web address starting with http:// or https://.",
)
LOCATION = _(
    "member_location_invalid",
    default="The location is one line of at most 200 characters.",
)


def _one_line(value, limit):
    return (
        isinstance(value, str)
        and len(value) <= limit
        and not NOT_ONE_LINE.search(value)
    )


def field_error(name, value):
    """The message refusing ``value`` for the member field ``name``, or
    None. Empty values are the schema's business (required or not)."""
    if value in (None, ""):
        return None
    if name == "fullname" and not _one_line(value, FULLNAME_MAX):
        return FULLNAME
    if name == "organisation" and not _one_line(value, ORGANISATION_MAX):
        return ORGANISATION
    if name == "location" and not _one_line(value, ORGANISATION_MAX):
        return LOCATION
    if name == "home_page" and not (
        isinstance(value, str)
        and len(value) <= HOME_PAGE_MAX
        and WEB_ADDRESS.fullmatch(value)
    ):
        return HOME_PAGE
    if name == "country" and not (
        isinstance(value, str) and value in country_names("en")
    ):
        return COUNTRY
    return None


class MemberFieldValidator(validator.SimpleFieldValidator):
    """The sign-up, add-member and personal-information forms: the schema's
    checks, then the same rules as ``@users``."""

    def validate(self, value, force=False):
        super().validate(value, force)
        field = getattr(self, "field", None)
        error = field_error(getattr(field, "__name__", None), value)
        if error is not None:
            raise Invalid(error)


class RegistrationFieldValidator(MemberFieldValidator):
    """Sign-up and "add new user" forms."""


class PersonalInformationValidator(MemberFieldValidator):
    """Personal information (``@@personal-information``, also for managers
    editing a member)."""


validator.WidgetValidatorDiscriminators(
    RegistrationFieldValidator, view=BaseRegistrationForm
)
validator.WidgetValidatorDiscriminators(
    PersonalInformationValidator, view=UserDataPanel
)
