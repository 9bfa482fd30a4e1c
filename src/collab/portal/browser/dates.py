"""Dates as the secretariat announces them: in UTC, with month names in
the reader's language (Plone's own ``plonelocales`` catalogue)."""

from collab.portal import _
from collab.portal.content.window import as_utc
from plone import api
from plone.base.i18nl10n import monthname_msgid
from zope.i18n import translate
import zoneinfo


# Day-month-year as each language writes it; months are lower case in es/fr.
DATE_PATTERNS = {
    "en": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "fr": "{day} {month} {year}",
}


def format_utc(value, request, with_time=True):
    if value is None:
        return ""
    value = as_utc(value)
    month = translate(
        monthname_msgid(value.month), domain="plonelocales", context=request
    )
    language = api.portal.get_current_language() or "en"
    pattern = DATE_PATTERNS.get(language[:2], "{day} {month} {year}")
    if language[:2] != "en":
        month = month.lower()
    text = pattern.format(day=value.day, month=month, year=value.year)
    if with_time:
        text += f", {value:%H:%M} UTC"
    return text


def reader_zone():
    """The time zone the member chose in their preferences, if any."""
    member = None if api.user.is_anonymous() else api.user.get_current()
    zone = member.getProperty("timezone", None) if member else None
    if not zone:
        return None
    try:
        return zoneinfo.ZoneInfo(zone)
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None


def format_local_window(opens, closes, request):
    """A window in the member's zone; empty for other readers, whose
    browser fills it in (``static/local-times.js``)."""
    zone = reader_zone()
    if zone is None or opens is None or closes is None:
        return ""
    label = translate(_("Your time:"), context=request)
    try:
        start = as_utc(opens).astimezone(zone)
        end = as_utc(closes).astimezone(zone)
    except OverflowError:
        # A date stored at the edge of the calendar has no time in zones
        # east (or west) of UTC; the UTC window beside it says it all.
        return ""
    return f"{label} {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} ({zone.key})"
