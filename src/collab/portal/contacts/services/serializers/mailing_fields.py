"""A mailing's relation and date fields read from REST.

plone.restapi's deserializers let two inputs through to a 5xx: a relation
given as an object without ``@id`` (``recipient_groups: [{}]``, a
KeyError answered 503), and a time at the calendar's edge that has no UTC
time (``9999-12-31T23:59:59-12:00``, an OverflowError). Both become the
field's translated 400; the fields' constraints (``content.mailing``)
then check what the value is.
"""

from collab.portal import _
from collab.portal.content.mailing import IMailing
from collab.portal.content.mailing import SendAtOutOfRange
from collab.portal.interfaces import IBrowserLayer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.relationfield import RelationChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.relationfield.interfaces import IRelationChoice
from zope.component import adapter
from zope.interface import implementer
from zope.schema import ValidationError
from zope.schema.interfaces import IDatetime


class NotARelation(ValidationError):
    __doc__ = _(
        "relation_not_named",
        default="Name the item by its UID, path, URL or an object with its @id.",
    )


class NotADate(ValidationError):
    __doc__ = _(
        "mailing_send_at_invalid",
        default="Send the time in ISO 8601 with its offset, for example "
        "2030-01-02T10:00:00+00:00.",
    )


@implementer(IFieldDeserializer)
@adapter(IRelationChoice, IMailing, IBrowserLayer)
class MailingRelationDeserializer(RelationChoiceFieldDeserializer):
    def __call__(self, value):
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise NotARelation(value)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IDatetime, IMailing, IBrowserLayer)
class MailingDatetimeDeserializer(DatetimeFieldDeserializer):
    def __call__(self, value):
        if value is not None and not isinstance(value, str):
            raise NotADate(value)
        try:
            return super().__call__(value)
        except OverflowError:
            raise SendAtOutOfRange(value) from None
