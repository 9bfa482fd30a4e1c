"""JSON bodies nested too deeply for Python's parser.

plone.restapi's JWT plugin parses every JSON body while PAS looks for
credentials, before any service runs; a body of 100,000 brackets makes
that parser raise RecursionError, which PAS does not swallow: a 500 for
any endpoint, whether it reads a body or not. Refused here, when
traversal reaches the site: the body has been read, credentials not yet
looked for, and plone.rest has marked the request as an API request, so
the client gets its JSON error with a translated message.
"""

from collab.portal import _
from collab.portal.interfaces import shown
from zExceptions import BadRequest
from zope.i18n import translate
import json


def refuse_deeply_nested_json(site, event):
    """Subscriber: the site is about to be traversed."""
    request = event.request
    if "json" not in (request.getHeader("Content-Type") or "").lower():
        return
    body = request.get("BODY")
    if not body:
        return
    try:
        json.loads(body)
    except RecursionError:
        raise shown(
            BadRequest(translate(_("Send a JSON object."), context=request))
        ) from None
    except ValueError:
        return  # malformed: each service answers that itself
