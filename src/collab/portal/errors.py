"""Error types and JSON-body checks shared by pages and REST.

- ``IShownError``/``shown``: an error raised with a translated message
  written for the reader; pages show that message instead of Plone's
  generic error page, REST sends it as the JSON ``message``.
- ``Conflict``, ``TooManyRequests``: Zope maps the class names to
  statuses 409 and 429; the 429 page (``browser/errors.py``) shows the
  reason for every refusal of too many requests (comments, links).
- ``json_object``: the one reader of a service's JSON body.
- ``refuse_deeply_nested_json``: bodies nested too deeply for Python's
  parser, refused before PAS parses them.
- ``refuse_cross_site_action``: an acting REST request the browser may
  have sent for another site (cookie credentials, a form's content type).

Shared: imports no feature.
"""

from collab.portal import _
from plone.protect.authenticator import check as check_authenticator
from plone.rest.service import Service
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from urllib.parse import urlsplit
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import HTTPTooManyRequests
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface
import json


class IShownError(Interface):
    """An error raised with a translated message written for the reader:
    pages show that message instead of Plone's generic error page."""


def shown(error):
    """Mark ``error`` as an IShownError and return it, for ``raise``."""
    alsoProvides(error, IShownError)
    return error


class Conflict(Exception):
    """Zope maps this class name to status 409."""


class TooManyRequests(HTTPTooManyRequests):
    """Named so that Zope's response maps it to status 429."""


def not_a_json_object(request):
    return BadRequest(translate(_("Send a JSON object."), context=request))


def json_object(request):
    """The request's JSON body, which must be an object.

    plone.restapi's json_body raises DeserializationError on a malformed or
    non-object body, and Python's parser a RecursionError on deeply nested
    brackets, which plone.rest answers with a 500; clients get a translated
    400 instead. Every service of the add-on (and the ``@users`` services it
    overrides) reads its body here first.
    """
    try:
        body = json_body(request)
    except (DeserializationError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise not_a_json_object(request)
    return body


def refuse_deeply_nested_json(site, event):
    """Subscriber: the site is about to be traversed.

    plone.restapi's JWT plugin parses every JSON body while PAS looks for
    credentials, before any service runs; a body of 100,000 brackets makes
    that parser raise RecursionError, which PAS does not swallow: a 500 for
    any endpoint, whether it reads a body or not. Refused here, when
    traversal reaches the site: the body has been read, credentials not
    yet looked for, and plone.rest has marked the request as an API
    request, so the client gets its JSON error with a translated message.
    """
    request = event.request
    if "json" not in (request.getHeader("Content-Type") or "").lower():
        return
    body = request.get("BODY")
    if not body:
        return
    try:
        json.loads(body)
    except RecursionError:
        raise shown(not_a_json_object(request)) from None
    except ValueError:
        return  # malformed: each service answers that itself (json_object)


# Methods whose services act; DELETE carries no body, and neither it nor
# PUT or PATCH can leave another site without the browser asking this one
# first (a CORS preflight), so only a body's type is judged.
ACTING = ("POST", "PUT", "PATCH", "DELETE")
JSON_TYPES = ("application/json",)


def sent_as_json(request):
    media = (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()
    return media in JSON_TYPES or (
        media.startswith("application/") and media.endswith("+json")
    )


def may_be_cross_site(request):
    """True if the browser may have sent ``request`` for another site.

    A page elsewhere can make a visitor's browser POST with the cookies of
    this site (``__ac``, plone.restapi's ``auth_token``) but only as a form
    would: ``text/plain``, urlencoded or multipart, and no header of its
    own. A JSON body or an ``Authorization`` header needs the browser to ask
    this site first (CORS preflight), which it refuses unless configured
    to allow that origin. So a request is trusted when it is JSON, when it
    carries plone.protect's authenticator (``_authenticator`` or
    ``X-CSRF-TOKEN``), as Plone's forms do, or when its credentials come in
    a header the browser does not add by itself: a JWT bearer, or basic auth
    from a script. A browser does replay basic auth it was given at a login
    prompt (the ZMI), so basic auth from a page of another site (its
    ``Origin`` or ``Sec-Fetch-Site``) is judged like a cookie."""
    if request.get("REQUEST_METHOD") not in ACTING:
        return False
    credentials = (getattr(request, "_auth", None) or "").lower()
    if credentials.startswith("bearer "):
        return False
    if credentials and not from_another_site(request):
        return False
    if request.get("REQUEST_METHOD") == "DELETE" or sent_as_json(request):
        return False
    try:
        check_authenticator(request)
    except Forbidden:
        return True
    return False


def from_another_site(request):
    """True if the browser says a page of another origin sent ``request``."""
    if (request.getHeader("Sec-Fetch-Site") or "").lower() == "cross-site":
        return True
    origin = request.getHeader("Origin")
    if origin is None:
        return False
    own = urlsplit(request.get("SERVER_URL") or "")
    return origin.rstrip("/").lower() != f"{own.scheme}://{own.netloc}".lower()


def refuse_cross_site_action(event):
    """Subscriber (``IPubAfterTraversal``): every REST service of the add-on
    that acts (POST, PUT, PATCH, DELETE) refuses a request the browser may
    have sent for another site, before the service runs. The services turn
    plone.protect's check off (plone.restapi's do too: a JSON client has no
    form authenticator), so without this a cross-site ``text/plain`` form
    post with the visitor's session cookie would act; ``SameSite=Lax`` was
    the only defence."""
    request = event.request
    published = request.get("PUBLISHED")
    if not isinstance(published, Service):
        return
    # plone.rest's ZCML directive subclasses the factory: look at the bases.
    if not any(
        c.__module__.startswith("collab.portal.") for c in type(published).__mro__
    ):
        return
    if may_be_cross_site(request):
        raise shown(
            Forbidden(
                translate(
                    _(
                        "cross_site_refused",
                        default="Send this request as JSON (Content-Type: "
                        "application/json), or with the form's authenticator.",
                    ),
                    context=request,
                )
            )
        )
