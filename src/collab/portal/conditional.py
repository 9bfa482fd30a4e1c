"""Conditional GETs: an ``ETag`` per answer and ``304 Not Modified`` when
the client already holds it.

Pages that poll (new comments appear without reloading) ask every few
seconds; most answers are the same as the last. The ETag names what an
answer depends on (a change counter, the reader, the language, the
query), so the server decides "unchanged" from a few small values, before
it builds anything, and the answer works through any proxy and on any
number of instances: nothing is kept in memory between requests.
``Cache-Control: private, no-cache`` lets a browser keep the answer but
ask again every time, and a shared proxy keep nothing. Shared: imports
no feature.
"""

from hashlib import sha256


def etag_of(*parts):
    """A strong ETag (quoted) for an answer that depends on ``parts``."""
    text = "\n".join(str(part) for part in parts)
    return '"' + sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


def not_modified(request, etag):
    """Set the answer's ``ETag`` and caching headers; True when the
    request's ``If-None-Match`` already names it (answer 304 then)."""
    response = request.response
    response.setHeader("ETag", etag)
    response.setHeader("Cache-Control", "private, no-cache")
    response.setHeader("Vary", "Accept-Language, Cookie, Authorization")
    held = request.getHeader("If-None-Match") or ""
    candidates = {tag.strip() for tag in held.split(",")}
    weak = {tag[2:] for tag in candidates if tag.startswith("W/")}
    return etag in candidates or etag in weak or "*" in candidates
