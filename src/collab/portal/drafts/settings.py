"""Settings of the drafts feature that the model reads with a default, so
that it works before the registry records exist (they come with the
content type and its upgrade step, under ``collab.portal.drafts``)."""

from plone import api
from zope.interface.interfaces import ComponentLookupError


# The largest original (DOCX or PDF) the secretariat may upload. A draft
# resolution's text is well under 1 MB; 20 MB leaves room for a Word file
# full of pictures (which the conversion leaves out, but the original
# keeps) and stays far below what the site must hold in memory at once.
DEFAULT_MAX_UPLOAD_MB = 20
MAX_UPLOAD_RECORD = "collab.portal.drafts.max_upload_mb"


def max_upload_bytes():
    """The upload limit in bytes: the registry's ``max_upload_mb`` when a
    site with that record is at hand and the value is a positive number,
    else ``DEFAULT_MAX_UPLOAD_MB``."""
    try:
        megabytes = api.portal.get_registry_record(MAX_UPLOAD_RECORD, default=None)
    except (ComponentLookupError, api.exc.CannotGetPortalError):
        megabytes = None
    if not isinstance(megabytes, int) or isinstance(megabytes, bool) or megabytes <= 0:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return megabytes * 1024 * 1024
