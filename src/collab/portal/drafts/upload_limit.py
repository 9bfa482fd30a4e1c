"""A draft's upload refused by its ``Content-Length`` before Zope reads it.

ZPublisher's ``publish_module`` notifies ``IPubStart`` before
``publish()`` calls ``request.processInputs()`` (``WSGIPublisher.py``):
at that point the body has not been parsed into a form nor copied into
a ``FileUpload``, and nothing has been traversed. ``refuse_at_start``
looks at the request's headers only; for a POST, PUT or PATCH whose
``Content-Length`` exceeds the drafts' upload limit and whose path leads
into a draft (its edit form, REST ``PATCH``, ``@@import-original``,
``@import-original``, anything under it) or to ``++add++DraftDocument``,
it drops the body (Zope then parses nothing) and marks the request.
``refuse_after_traversal`` (``IPubAfterTraversal``) answers a marked
request with 413 and a translated message, as a page or as JSON: only
after traversal does the request carry the site's layers and language,
so the refusal is drawn like any other error of the site. Nothing of the
body is read, parsed or stored.

The path is followed from the Zope root over a connection of its own,
only for requests whose declared length is over ``FLOOR`` (the smallest
limit the registry can set, 1 MB): every other request costs one header
lookup. Other content keeps its own limits: only drafts are refused.

Earlier caps are the server's: waitress buffers a request's body (to a
temporary file past a few MB) before Zope runs, up to its
``max_request_body_size`` (``cli/instance.py``); a body sent in chunks,
without a ``Content-Length``, is measured by waitress too, and by the
page and the service (``conversion.check_size``) before they read it.
"""

from collab.portal.content.draft_document import IDraftDocument
from collab.portal.drafts.conversion import too_large
from collab.portal.drafts.original import RequestEntityTooLarge
from collab.portal.drafts.settings import max_upload_bytes
from collab.portal.errors import shown
from io import BytesIO
from Products.CMFCore.interfaces import ISiteRoot
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.i18n import translate
import logging
import Zope2


logger = logging.getLogger(__name__)

ACTING = ("POST", "PUT", "PATCH")
FLOOR = 1024 * 1024
MARK = "collab.portal.drafts.refused_length"
ADD_DRAFT = "++add++DraftDocument"
API_NAMESPACE = "++api++"


def declared_length(environ):
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def physical_segments(path_info):
    """The segments of a request's path as the Zope root sees them:
    VirtualHostMonster's ``VirtualHostBase/<scheme>/<host>`` and
    ``_vh_`` segments and ``VirtualHostRoot`` left out."""
    segments = [segment for segment in path_info.split("/") if segment]
    found = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if segment == "VirtualHostBase":
            index += 3
            continue
        if segment != "VirtualHostRoot" and not segment.startswith("_vh_"):
            found.append(segment)
        index += 1
    return found


def draft_limit(segments):
    """The upload limit of the draft the path leads into (or of the add
    form of drafts), or None when it leads elsewhere."""
    app = Zope2.bobo_application()
    old_site = getSite()
    try:
        obj, site = app, None
        for segment in segments:
            if segment == ADD_DRAFT:
                break
            if segment == API_NAMESPACE:
                continue  # plone.rest's ++api++ traverses to what follows
            if segment.startswith(("@", "++")):
                return None
            obj = obj.unrestrictedTraverse(segment, None)
            if obj is None:
                return None
            if ISiteRoot.providedBy(obj):
                site = obj
            if IDraftDocument.providedBy(obj):
                break
        else:
            return None
        if site is not None:
            setSite(site)
        return max_upload_bytes()
    finally:
        setSite(old_site)
        app._p_jar.close()


def refuse_at_start(event):
    """Subscriber (``IPubStart``): see the module's docstring."""
    request = event.request
    environ = request.environ
    length = declared_length(environ)
    if environ.get("REQUEST_METHOD") not in ACTING or length <= FLOOR:
        return
    try:
        limit = draft_limit(physical_segments(environ.get("PATH_INFO") or ""))
    except Exception:
        # The body is then read as usual and measured by the page or the
        # service; a broken path never becomes an error here.
        logger.exception("The path of a large upload could not be followed")
        return
    if limit is None or length <= limit:
        return
    request.stdin = BytesIO(b"")
    environ["CONTENT_LENGTH"] = "0"
    environ["CONTENT_TYPE"] = "application/octet-stream"
    environ[MARK] = limit


def refuse_after_traversal(event):
    """Subscriber (``IPubAfterTraversal``): a request marked at its start
    gets its 413."""
    request = event.request
    limit = request.environ.get(MARK)
    if limit is None:
        return
    raise shown(RequestEntityTooLarge(translate(too_large(limit), context=request)))
