"""A person the secretariat keeps in touch with, without a site account.

The title is derived from the names, so lists sort and read the same
everywhere; ``notes`` are the secretariat's own and guarded by a field
permission on every channel (forms, REST, exports).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from collab.portal import _
from collab.portal.content.contact_directory import IContactDirectory
from email_validator import EmailNotValidError
from email_validator import validate_email
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from zope import schema
from zope.interface import implementer
from zope.schema import getFieldNamesInOrder
from zope.schema.interfaces import ValidationError
import phonenumbers
import re


LANGUAGES = ("en", "es", "fr")


class InvalidEmail(ValidationError):
    __doc__ = _("This is not a valid e-mail address.")


class NonAsciiLocalPart(InvalidEmail):
    __doc__ = _(
        "email_non_ascii_local_part",
        default="Write the part of the address before the @ in plain letters "
        "(a to z), digits and . _ - + only: mail to other characters there "
        "cannot be delivered reliably. Accents are fine after the @.",
    )


class InvalidPhone(ValidationError):
    __doc__ = _(
        "This is not a valid phone number. Write it in international form, "
        "starting with + and the country code."
    )


# What no field of a contact or group holds: category Cc (C0, DEL, C1,
# tab and line breaks included), lone surrogates (a JSON body can carry
# them), the Unicode line and paragraph separators Python's splitlines()
# and mail header folding break on, and the non-characters U+FFFE/FFFF.
ONE_LINE_REFUSED = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
# A text of several lines also holds line feeds and tabs.
TEXT_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)

NOT_ONE_LINE = _(
    "text_not_one_line",
    default="Write one line of plain text: line breaks, tabs and control "
    "characters are not accepted.",
)
CONTROL_CHARACTERS = _(
    "text_control_characters",
    default="Control characters are not accepted: only line breaks and tabs.",
)


def control_character_message(value, multiline=False):
    """The message refusing ``value`` for the control characters it holds,
    or None. One rule for every channel (forms and REST through the field
    constraints below, the import, the personal link): a one-line field
    holds no character of category Cc (tab and line breaks included), no
    lone surrogate and no Unicode line separator; a text of several lines
    holds line breaks (``\\n``, or ``\\r\\n`` as browsers send a textarea)
    and tabs, nothing else of these."""
    if not isinstance(value, str):
        return None
    if multiline:
        if TEXT_REFUSED.search(value.replace("\r\n", "\n")):
            return CONTROL_CHARACTERS
    elif ONE_LINE_REFUSED.search(value):
        return NOT_ONE_LINE
    return None


def as_one_line(value):
    """``value`` with every character a one-line field refuses replaced by
    a space: for exports of what was stored before the rule."""
    if isinstance(value, str):
        return ONE_LINE_REFUSED.sub(" ", value)
    return value


class NotOneLine(ValidationError):
    __doc__ = NOT_ONE_LINE


class ControlCharacters(ValidationError):
    __doc__ = CONTROL_CHARACTERS


def one_line(value):
    """Constraint of a one-line text field."""
    if control_character_message(value) is not None:
        raise NotOneLine(value)
    return True


def plain_text(value):
    """Constraint of a text field of several lines."""
    if control_character_message(value, multiline=True) is not None:
        raise ControlCharacters(value)
    return True


def normalized_email(value):
    """The address as stored: domain lower-cased, checked for shape only
    (no DNS lookup: a secretariat types addresses offline too). A domain
    in Unicode or punycode is stored in Unicode and IDNA-encoded when
    mail is written; a local part beyond ASCII would need SMTPUTF8, which
    the mail path does not speak, so it is refused here, on every channel
    (forms, REST, the import, the personal link)."""
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmail(value) from None
    if result.smtputf8:
        raise NonAsciiLocalPart(value)
    return result.normalized


def normalized_phone(value):
    """The number in E.164 form (``+41225000000``)."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(value)
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class EmailTaken(ValidationError):
    __doc__ = _("Another contact in this directory has this e-mail address.")


class UnknownUser(ValidationError):
    __doc__ = _("There is no site user with this user id.")


def email_key(value):
    """What makes two addresses the same contact: the normalised address,
    lower-cased whole (mail systems treat the local part case-blind too)."""
    try:
        return normalized_email(value).lower()
    except InvalidEmail:
        return (value or "").strip().lower()


def directory_of(context):
    """The contact directory ``context`` is in or is (None outside one)."""
    for item in aq_chain(aq_inner(context)):
        if IContactDirectory.providedBy(item):
            return item
    return None


def contacts_with_email(directory, email):
    """Catalog brains of the directory's contacts with this address
    (index ``contact_email``, so a 10,000-row import stays cheap)."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="Contact",
        contact_email=email_key(email),
        path="/".join(directory.getPhysicalPath()),
    )


class DirectoryEmail(schema.TextLine):
    """A contact's primary address, unique in its directory.

    Forms bind the field to the directory (add) or the contact (edit),
    plone.restapi to the contact being created or changed, so one check
    serves every channel."""

    def _validate(self, value):
        super()._validate(value)
        context = self.context
        directory = directory_of(context) if context is not None else None
        if directory is None:
            return
        # A contact being created over REST has no UID yet.
        own = IUUID(aq_inner(context), None)
        for brain in contacts_with_email(directory, value):
            if own != brain.UID:
                raise EmailTaken(value)


def is_site_user(value):
    if value and api.user.get(userid=value) is None:
        raise UnknownUser(value)
    return True


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
        constraint=one_line,
    )
    given_name = schema.TextLine(
        title=_("Given name"), max_length=100, constraint=one_line
    )
    family_name = schema.TextLine(
        title=_("Family name"), max_length=100, constraint=one_line
    )
    organisation = schema.TextLine(
        title=_("Organisation"), required=False, max_length=200, constraint=one_line
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
    email = DirectoryEmail(
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
        constraint=is_site_user,
    )

    directives.read_permission(notes="collab.portal.ManageContactNotes")
    directives.write_permission(notes="collab.portal.ManageContactNotes")
    notes = schema.Text(
        title=_("Internal notes"),
        description=_("Seen by the secretariat only."),
        required=False,
        max_length=10000,
        constraint=plain_text,
    )


# What a contact's row carries in an import, an export and the address
# list: its fields, but for the further addresses, the linked user and the
# notes, which stay on the site.
ROW_FIELDS = tuple(
    name
    for name in getFieldNamesInOrder(IContact)
    if name not in ("further_emails", "linked_user", "notes")
)


@implementer(IContact)
class Contact(Item):
    """The title reads "Given Family"; it is never typed."""

    @property
    def title(self):
        names = (self._stored("given_name"), self._stored("family_name"))
        return " ".join(name for name in names if name)

    @title.setter
    def title(self, value):
        """Dexterity's constructor and some forms set a title: the names
        decide it, so it is ignored."""

    # The address and the number are stored normalised, whoever sets them
    # (forms, REST, an import), so lists, exports and the uniqueness check
    # see one spelling. Stored under their own names, as before.
    @property
    def email(self):
        return self._stored("email")

    @email.setter
    def email(self, value):
        self._store("email", normalized_email(value) if value else value)

    @property
    def phone(self):
        return self._stored("phone")

    @phone.setter
    def phone(self, value):
        self._store("phone", normalized_phone(value) if value else value)

    def _stored(self, name):
        """``__dict__`` of a ghost is empty (reading it does not load the
        object), so load first."""
        self._p_activate()
        return self.__dict__.get(name)

    def _store(self, name, value):
        self.__dict__[name] = value
        self._p_changed = True
