"""Opening and closing times through REST.

plone.restapi's datetime deserializer matches the stored value's time zone
by its pytz name (``tzinfo.zone``); windows stored with ``datetime.UTC``
(the clock, demo content, scripts) have none, and every PATCH of ``opens``
or ``closes`` ended in a 500. Windows are always stored aware, so store
what the client sent, in UTC.
"""

from collab.portal.content.window import IWindow
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
            raise ValueError(f"Invalid date: {value}")
        if parsed.tzinfo is None:
            parsed = utc.localize(parsed)
        value = parsed.astimezone(utc)
        self.field.validate(value)
        return value
