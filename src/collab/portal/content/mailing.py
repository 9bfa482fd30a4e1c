"""An e-mail mailing to contact groups and single contacts, written in
up to three languages; attachments are the File items it contains.

The fields check what the mail path relies on, so every channel (the
edit form, REST) refuses it at once instead of a send that never ends:
recipients of the right type, placeholders that exist and are closed, a
send time that has a UTC time.
"""

from collab.portal import _
from collab.portal.content.contact import IContact
from collab.portal.content.contact_group import IContactGroup
from collab.portal.content.relations import search_options
from datetime import UTC
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.schema import ValidationError
import re


PLACEHOLDERS = (
    "salutation",
    "given_name",
    "family_name",
    "organisation",
    "country",
    "update_link",
)


# ``{name`` up to its closing brace, if any: ``{0}``, ``{{`` and ``{ x }``
# are not placeholders and stay as written.
PLACEHOLDER_LIKE = re.compile(r"\{([A-Za-z_][\w.]*)(\}?)")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PlaceholderError(ValidationError):
    """Unknown or unclosed placeholders; the message names them."""

    def __init__(self, unknown, unclosed):
        super().__init__(unknown, unclosed)
        self.unknown, self.unclosed = unknown, unclosed

    def doc(self):
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        if self.unknown:
            return _(
                "mailing_unknown_placeholders",
                default="Unknown placeholders: ${names}. Use only ${known}.",
                mapping={"names": ", ".join(self.unknown), "known": known},
            )
        return _(
            "mailing_unclosed_placeholders",
            default="Close these placeholders with }: ${names}.",
            mapping={"names": ", ".join(self.unclosed)},
        )


def placeholder_problems(text):
    """(unknown, unclosed) placeholders of ``text``, as written."""
    unknown, unclosed = [], []
    for match in PLACEHOLDER_LIKE.finditer(text or ""):
        name, closed = match.groups()
        if not closed:
            unclosed.append("{" + name)
        elif name not in PLACEHOLDERS:
            unknown.append("{" + name + "}")
    return unknown, unclosed


def known_placeholders(value):
    """Constraint of subjects and bodies: mailed as written, an unknown
    or unclosed placeholder would reach every recipient."""
    unknown, unclosed = placeholder_problems(value)
    if unknown or unclosed:
        raise PlaceholderError(unknown, unclosed)
    return True


class NotAContactGroup(ValidationError):
    __doc__ = _(
        "mailing_not_a_group",
        default="Choose contact groups here: this item is not one.",
    )


class NotAContact(ValidationError):
    __doc__ = _(
        "mailing_not_a_contact",
        default="Choose contacts here: this item is not one.",
    )


class SendAtOutOfRange(ValidationError):
    __doc__ = _(
        "mailing_send_at_out_of_range",
        default="Choose a send time between the years ${first} and ${last}.",
        mapping={"first": str(FIRST_YEAR), "last": str(LAST_YEAR)},
    )


def _target(value):
    """A relation field's value: the object (forms, REST) or the
    ``RelationValue`` it is stored as."""
    return getattr(value, "to_object", value)


def only(interface, error):
    """A relation list's constraint: every item provides ``interface``,
    else ``error``. On the lists, not their items: a list reports its
    items' errors as "Wrong contained type" on the form."""

    def constraint(values):
        for value in values or ():
            if not interface.providedBy(_target(value)):
                raise error(value)
        return True

    return constraint


contact_groups_only = only(IContactGroup, NotAContactGroup)
contacts_only = only(IContact, NotAContact)


def within_sending_years(value):
    """A send time the clock can compare: one with a UTC time (not the
    calendar's edge, ``9999-12-31T23:59:59-12:00``), in this century."""
    if value.tzinfo is not None:
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            raise SendAtOutOfRange(value) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise SendAtOutOfRange(value)
    return True


class IMailing(model.Schema):
    subject = schema.TextLine(
        title=_("Subject (English)"), max_length=200, constraint=known_placeholders
    )
    body = schema.Text(
        title=_("Message (English)"),
        description=_(
            "Plain text. Placeholders: {salutation}, {given_name}, "
            "{family_name}, {organisation}, {country}, {update_link}."
        ),
        max_length=50000,
        constraint=known_placeholders,
    )

    model.fieldset(
        "translations",
        label=_("Translations"),
        fields=["subject_es", "body_es", "subject_fr", "body_fr"],
    )
    subject_es = schema.TextLine(
        title=_("Subject (Spanish)"),
        required=False,
        max_length=200,
        constraint=known_placeholders,
    )
    body_es = schema.Text(
        title=_("Message (Spanish)"),
        required=False,
        max_length=50000,
        constraint=known_placeholders,
    )
    subject_fr = schema.TextLine(
        title=_("Subject (French)"),
        required=False,
        max_length=200,
        constraint=known_placeholders,
    )
    body_fr = schema.Text(
        title=_("Message (French)"),
        required=False,
        max_length=50000,
        constraint=known_placeholders,
    )

    directives.widget(
        "recipient_groups",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("ContactGroup"),
    )
    recipient_groups = RelationList(
        title=_("Contact groups"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
        constraint=contact_groups_only,
    )
    directives.widget(
        "recipient_contacts",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("Contact"),
    )
    recipient_contacts = RelationList(
        title=_("Single contacts"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
        constraint=contacts_only,
    )
    send_at = schema.Datetime(
        title=_("Send at"),
        description=_("Leave empty to send when you press Send."),
        required=False,
        constraint=within_sending_years,
    )


@implementer(IMailing)
class Mailing(Container):
    """Folderish: its attachments are the Files it holds. The title is the
    English subject."""

    @property
    def title(self):
        # ``__dict__`` of a ghost is empty (reading it does not load the
        # object): load first, as ``Contact._stored`` does.
        self._p_activate()
        return self.__dict__.get("subject") or ""

    @title.setter
    def title(self, value):
        """The subject decides the title."""

    # The schema's ``subject`` is the mail's subject line, which shares its
    # attribute with Dublin Core's keywords: without these two, the
    # constructor (``api.content.create(..., subject=...)``) stored it as a
    # one-item tuple, and the catalog listed it among the site's tags.
    def setSubject(self, subject):
        if isinstance(subject, list | tuple):
            subject = subject[0] if subject else ""
        self.subject = subject

    def Subject(self):
        return ()
