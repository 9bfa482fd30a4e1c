"""services of collab.portal."""

from collab.portal import _
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from zExceptions import BadRequest
from zope.i18n import translate


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
        raise BadRequest(translate(_("Send a JSON object."), context=request))
    return body
