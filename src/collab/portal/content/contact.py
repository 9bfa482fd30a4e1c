"""A person the secretariat keeps in touch with, without a site account.

The title is derived from the names, so lists sort and read the same
everywhere; ``notes`` are the secretariat's own and guarded by a field
permission on every channel (forms, REST, exports).
"""

from collab.portal import _
from email_validator import EmailNotValidError
from email_validator import validate_email
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import ValidationError
import phonenumbers


LANGUAGES = ("en", "es", "fr")


class InvalidEmail(ValidationError):
    __doc__ = _("This is not a valid e-mail address.")


class InvalidPhone(ValidationError):
    __doc__ = _(
        "This is not a valid phone number. Write it in international form, "
        "starting with + and the country code."
    )


def normalized_email(value):
    """The address as stored: domain lower-cased, checked for shape only
    (no DNS lookup: a secretariat types addresses offline too)."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidEmail(value)


def normalized_phone(value):
    """The number in E.164 form (``+41225000000``)."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(value)
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_email(value):
    normalized_email(value)
    return True


def is_phone(value):
    normalized_phone(value)
    return True


class IContact(model.Schema):
    salutation = schema.TextLine(
        title=_("Salutation"),
        description=_("For example Ms., Mr., Dr., H.E."),
        required=False,
        max_length=40,
    )
    given_name = schema.TextLine(title=_("Given name"), max_length=100)
    family_name = schema.TextLine(title=_("Family name"), max_length=100)
    organisation = schema.TextLine(
        title=_("Organisation"), required=False, max_length=200
    )
    position = schema.Choice(
        title=_("Position"),
        vocabulary="collab.portal.ContactPositions",
        required=False,
    )
    country = schema.Choice(
        title=_("Country"),
        vocabulary="collab.portal.Countries",
        required=False,
    )
    email = schema.TextLine(
        title=_("E-mail"),
        description=_("Unique in the directory."),
        max_length=254,
        constraint=is_email,
    )
    further_emails = schema.List(
        title=_("Further e-mail addresses"),
        value_type=schema.TextLine(max_length=254, constraint=is_email),
        required=False,
        default=[],
        max_length=10,
    )
    phone = schema.TextLine(
        title=_("Phone"),
        description=_("In international form, for example +41 22 917 8139."),
        required=False,
        max_length=40,
        constraint=is_phone,
    )
    preferred_language = schema.Choice(
        title=_("Preferred language"),
        values=LANGUAGES,
        default="en",
    )
    linked_user = schema.TextLine(
        title=_("Linked site user"),
        description=_(
            "The user id of this contact's account, if they have one: it puts "
            "them in the site groups of their contact groups."
        ),
        required=False,
        max_length=100,
    )

    directives.read_permission(notes="collab.portal.ManageContactNotes")
    directives.write_permission(notes="collab.portal.ManageContactNotes")
    notes = schema.Text(
        title=_("Internal notes"),
        description=_("Seen by the secretariat only."),
        required=False,
        max_length=10000,
    )


@implementer(IContact)
class Contact(Item):
    """The title reads "Given Family"; it is never typed."""

    @property
    def title(self):
        names = (self.__dict__.get("given_name"), self.__dict__.get("family_name"))
        return " ".join(name for name in names if name)

    @title.setter
    def title(self, value):
        """Dexterity's constructor and some forms set a title: the names
        decide it, so it is ignored."""
