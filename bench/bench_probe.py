"""Loaded into the benchmark's throwaway Zope only: logs every ConflictError.

Zope retries a request up to three times on a ConflictError, so conflicts
mostly show up as latency; Products.SiteErrorLog mentions them in prose meant
for people. This subscriber, on the publisher's own abort event, writes one
fixed-format line per conflict saying whether it was retried; the harness
counts the lines per scenario. It is added to the temporary instance's
site.zcml, never to the add-on.
"""

import logging


MARKER = "bench-conflict"
SUBSCRIBER_ZCML = """
  <subscriber
      for="ZPublisher.interfaces.IPubBeforeAbort"
      handler="bench_probe.on_abort"
      />

"""
logger = logging.getLogger("collab.bench")


def on_abort(event):
    """Log a line if the request is aborted because of a ConflictError."""
    from ZODB.POSException import ConflictError  # only inside Zope

    exc = event.exc_info[1]
    if isinstance(exc, ConflictError):
        logger.warning(
            "%s retry=%s %s %s (%s)",
            MARKER,
            event.retry,
            type(exc).__name__,
            event.request.get("URL", ""),
            str(exc).replace("\n", " ")[:300],
        )
