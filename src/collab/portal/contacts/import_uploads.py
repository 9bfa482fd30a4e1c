"""A previewed import file, kept on the server for the user who previewed
it until they import it (or for ``KEEP`` at most).

The page used to send the previewed file back in a base64 form field,
which a file over about 3 MB makes larger than the instance's
``form-memory-limit``. The file is kept instead in the ZODB, as a blob in
an annotation of the directory keyed by user id: instances behind a load
balancer share the ZODB (RelStorage) but not a file system, so the import
may reach another instance than the preview. A random token written in
the preview's form ties the import to that preview: a second preview in
another tab replaces the file, and the first tab's import is refused
rather than importing a file its user did not see. The clock forgets
files left behind.
"""

from BTrees.OOBTree import OOBTree
from collab.portal.clock import now
from datetime import timedelta
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
import secrets


KEY = "collab.portal.contacts.import_uploads"  # stored: never renamed
KEEP = timedelta(minutes=30)


def _uploads(directory, create=False):
    annotations = IAnnotations(directory)
    if KEY not in annotations and create:
        annotations[KEY] = OOBTree()
    return annotations.get(KEY)


def keep(directory, userid, data, filename):
    """Keep ``data`` for ``userid``, replacing what they kept before;
    returns the token the import form sends back."""
    token = secrets.token_urlsafe(24)
    _uploads(directory, create=True)[userid] = PersistentMapping(
        token=token,
        file=NamedBlobFile(data=data, filename=filename or "contacts"),
        kept=now(),
    )
    return token


def kept(directory, userid, token):
    """``(data, filename)`` kept for ``userid`` under ``token``, or None
    (nothing kept, another preview since, or past ``KEEP``)."""
    uploads = _uploads(directory)
    record = uploads.get(userid) if uploads is not None else None
    if (
        record is None
        or not isinstance(token, str)
        or not secrets.compare_digest(record["token"], token)
        or now() - record["kept"] > KEEP
    ):
        return None
    return record["file"].data, record["file"].filename or ""


def forget(directory, userid):
    uploads = _uploads(directory)
    if uploads is not None and userid in uploads:
        del uploads[userid]


def purge(at):
    """Clock work: forget files kept longer than ``KEEP`` in any
    directory (writes only where there is one to forget)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ContactDirectory"):
        uploads = _uploads(brain._unrestrictedGetObject())
        if not uploads:
            continue
        for userid in [u for u, r in uploads.items() if at - r["kept"] > KEEP]:
            del uploads[userid]
