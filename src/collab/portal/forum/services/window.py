"""Opening and closing times through REST.

plone.restapi's datetime deserializer matches the stored value's time zone
by its pytz name (``tzinfo.zone``); windows stored with ``datetime.UTC``
(the clock, demo content, scripts) have none, and every PATCH of ``opens``
or ``closes`` ended in a 500. Windows are always stored aware, so store
what the client sent, in UTC. A date that has no UTC time (the edges of
the calendar) is refused as the fields refuse dates outside a forum's
years, with a translated 400.
"""

from collab.portal.content.window import IWindow
from collab.portal.content.window import WindowDateInvalid
from collab.portal.content.window import WindowDateOutOfRange
from collab.portal.interfaces import IBrowserLayer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from pytz import utc
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IDatetime
import dateutil.parser


@implementer(IFieldDeserializer)
@adapter(IDatetime, IWindow, IBrowserLayer)
class WindowDatetimeDeserializer(DatetimeFieldDeserializer):
    def __call__(self, value):
        if self.field.interface is not IWindow:
            return super().__call__(value)
        if value is None:
            self.field.validate(value)
            return None
        try:
            parsed = dateutil.parser.parse(value)
        except (ValueError, TypeError, OverflowError):
            raise WindowDateInvalid(value) from None
        if parsed.tzinfo is None:
            parsed = utc.localize(parsed)
        try:
            value = parsed.astimezone(utc)
        except OverflowError:
            raise WindowDateOutOfRange(value) from None
        self.field.validate(value)
        return value
