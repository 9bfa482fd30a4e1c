"""Dates on pages: ``collab.portal.dates`` in the page's language."""

from collab.portal.dates import format_date
from collab.portal.dates import format_local_window
from plone import api


__all__ = ["format_local_window", "format_utc"]


def format_utc(value, request, with_time=True):
    """For page views, which hold the request: the page's language."""
    return format_date(value, api.portal.get_current_language(), with_time)
