"""Dates and numbers as each language writes them.

One date formatter for every page and mail: the secretariat announces
times in UTC, the date as the reader's language writes it in CLDR
(Babel's ``format_date``, long form: "5 March 2030", "5 de marzo de 2030",
"5 mars 2030"), not hand-written patterns.

Pages pass the page's language, mails the reader's; both get the same
words (before, pages and mails formatted dates by hand and differed).
``format_local_window`` adds the window in the member's own time zone.
Counts (comments, participants, countries) go through ``format_number``,
the locale's own grouping from CLDR (Babel): 1,234 (en), 1.234 (es),
1 234 (fr).

Shared: imports no feature.
"""

from babel import Locale
from babel import UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal
from collab.portal import _
from collab.portal.clock import as_utc
from plone import api
from zope.i18n import translate
import functools
import zoneinfo


# English as written outside the United States (CLDR's "world English"):
# day month year, as the secretariat announces dates.
ENGLISH = "en_001"


def format_date(value, language, with_time=True):
    """``value`` in UTC, e.g. "5 March 2030, 14:00 UTC" (en), "5 de marzo
    de 2030, 14:00 UTC" (es), "5 mars 2030, 14:00 UTC" (fr); "" for None.

    The date is CLDR's long form for the language (Babel), so any language
    a site adds is written as its readers expect; an unknown one gets
    English."""
    if value is None:
        return ""
    value = as_utc(value)
    locale = _locale(language)
    text = babel_format_date(value, "long", locale=locale)
    if with_time:
        text += f", {babel_format_time(value, 'HH:mm', locale=locale)} UTC"
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


def format_utc(value, request, with_time=True):
    """For page views, which hold the request: the page's language."""
    return format_date(value, api.portal.get_current_language(), with_time)


@functools.cache
def _locale(language):
    """Babel's locale for a Plone language code ("es", "pt-br"); plain
    English is written as outside the United States; an unknown code
    falls back to its language, then to that English."""
    code = (language or "en").replace("-", "_")
    for candidate in (code, code.split("_")[0]):
        if candidate.lower() == "en":
            candidate = ENGLISH
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(ENGLISH)


def format_number(value, language):
    """An integer or decimal as ``language`` writes it: "1,234" (en),
    "1.234" (es), "1 234" (fr, with a narrow no-break space)."""
    return format_decimal(value, locale=_locale(language))


def number_on_page(value):
    """For page views: the page's language."""
    return format_number(value, api.portal.get_current_language())
