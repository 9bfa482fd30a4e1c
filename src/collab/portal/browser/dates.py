"""Dates as the secretariat announces them: in UTC, with month names in
the reader's language (Plone's own ``plonelocales`` catalogue)."""

from collab.portal.content.window import as_utc
from plone import api
from plone.base.i18nl10n import monthname_msgid
from zope.i18n import translate


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


def format_local(value, request):
    """The same moment in the reader's own time zone, if they set one."""
    member = None if api.user.is_anonymous() else api.user.get_current()
    zone = member.getProperty("timezone", None) if member else None
    if not zone or value is None:
        return ""
    try:
        import zoneinfo

        local = as_utc(value).astimezone(zoneinfo.ZoneInfo(zone))
    except (KeyError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return ""
    return f"{local:%Y-%m-%d %H:%M} ({zone})"
