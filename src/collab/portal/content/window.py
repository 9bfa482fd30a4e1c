"""Opening and closing times shared by forums and discussion groups.

Times are stored time-zone aware. The Classic UI widget reads them in the
portal's time zone (as plone.app.event does for events); REST takes ISO 8601
with an offset. Pages show them in UTC, as the secretariat announces them,
and in the reader's own zone.

A forum's dates lie between the years 2000 and 2100 (in UTC): a date at
the edge of the calendar (year 1, year 9999) cannot be moved into every
reader's time zone, and no forum is held then. The fields' constraint
refuses other dates on the page forms and over REST alike.
"""

from collab.portal import _
from collab.portal.clock import as_utc
from collab.portal.clock import now
from plone.app.event.base import default_timezone
from plone.app.multilingual.dx import directives as multilingual
from plone.app.z3cform.widgets.datetime import DatetimeFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError


# The rich texts of forums and groups are HTML only: a second allowed
# format would put Plone's unlabelled "Text format" select beside the
# editor (an axe-core "select-name" violation), and nobody writes Textile.
HTML_ONLY = ("text/html",)

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


FIRST_YEAR = 2000
LAST_YEAR = 2100


class WindowDateOutOfRange(ValidationError):
    __doc__ = _(
        "window_date_out_of_range",
        default="Choose a date between the years ${first} and ${last}.",
        mapping={"first": str(FIRST_YEAR), "last": str(LAST_YEAR)},
    )


class WindowDateInvalid(ValidationError):
    __doc__ = _(
        "window_date_invalid",
        default="Send the date in ISO 8601 with its offset, for example "
        "2030-01-02T10:00:00+00:00.",
    )


def within_forum_years(value):
    """The fields' constraint: a date a forum can have, in UTC."""
    try:
        year = as_utc(value).year
    except (OverflowError, ValueError):
        raise WindowDateOutOfRange(value) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise WindowDateOutOfRange(value)
    return True


class IWindow(model.Schema):
    opens = schema.Datetime(
        title=_("Opens"), required=True, constraint=within_forum_years
    )
    directives.widget("opens", DatetimeFieldWidget, default_timezone=default_timezone)

    closes = schema.Datetime(
        title=_("Closes"), required=True, constraint=within_forum_years
    )
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


def window_status(obj, at=None):
    """upcoming / open / closed by the clock alone (not the workflow)."""
    at = at or now()
    opens, closes = as_utc(obj.opens), as_utc(obj.closes)
    if opens and at < opens:
        return UPCOMING
    if closes and at >= closes:
        return CLOSED
    return OPEN
