"""Opening and closing times shared by forums and discussion groups.

Times are stored time-zone aware. The Classic UI widget reads them in the
portal's time zone (as plone.app.event does for events); REST takes ISO 8601
with an offset. Pages show them in UTC, as the secretariat announces them,
and in the reader's own zone.
"""

from collab.portal import _
from datetime import datetime
from datetime import UTC
from plone.app.event.base import default_timezone
from plone.app.multilingual.dx import directives as multilingual
from plone.app.z3cform.widgets.datetime import DatetimeFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant


UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"

STATUS_LABELS = {
    UPCOMING: _("status_upcoming", default="upcoming"),
    OPEN: _("status_open", default="open"),
    CLOSED: _("status_closed", default="closed"),
}


class WindowClosesBeforeItOpens(Invalid):
    __doc__ = _("The closing time must be after the opening time.")


class IWindow(model.Schema):
    opens = schema.Datetime(title=_("Opens"), required=True)
    directives.widget("opens", DatetimeFieldWidget, default_timezone=default_timezone)

    closes = schema.Datetime(title=_("Closes"), required=True)
    directives.widget("closes", DatetimeFieldWidget, default_timezone=default_timezone)

    # One schedule for every language version.
    multilingual.languageindependent("opens", "closes")

    @invariant
    def closes_after_opens(data):
        opens, closes = getattr(data, "opens", None), getattr(data, "closes", None)
        if opens and closes and as_utc(closes) <= as_utc(opens):
            raise WindowClosesBeforeItOpens(
                _("The closing time must be after the opening time.")
            )


def as_utc(value):
    """Aware UTC datetime; a naive value is read in the portal's time zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_timezone(as_tzinfo=True))
    return value.astimezone(UTC)


def now():
    return datetime.now(UTC)


def window_status(obj, at=None):
    """upcoming / open / closed by the clock alone (not the workflow)."""
    at = at or now()
    opens, closes = as_utc(obj.opens), as_utc(obj.closes)
    if opens and at < opens:
        return UPCOMING
    if closes and at >= closes:
        return CLOSED
    return OPEN
