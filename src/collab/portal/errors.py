"""Error types and JSON-body checks shared by pages and REST.

- ``IShownError``/``shown``: an error raised with a translated message
  written for the reader; pages show that message instead of Plone's
  generic error page, REST sends it as the JSON ``message``.
- ``Conflict``: Zope maps the class name to status 409.
- ``json_object``: the one reader of a service's JSON body.
- ``refuse_deeply_nested_json``: bodies nested too deeply for Python's
  parser, refused before PAS parses them.

Shared: imports no feature.
"""

from collab.portal import _
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from zExceptions import BadRequest
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
