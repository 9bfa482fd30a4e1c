"""Background work that gives way to the pages being served.

The clock's work (a mailing of thousands written into the mail queue)
runs in a thread of the instance, beside the threads serving pages, and
they share the interpreter lock: while a mailing was written the front
page took twice as long (issue 23). ``give_way`` is called by such work
between two small steps: while a request started less than
``YOUNG_SECONDS`` ago is being served by another thread, it waits for it
(a page is served in tens of milliseconds). Longer requests (an upload,
the clock's own tick over REST) are not waited for, so the work never
stops for long.

``request_started``/``request_ended`` (ZPublisher's ``IPubStart`` and
``IPubEnd``) keep the threads serving a request and since when.

Shared: imports no feature.
"""

import threading
import time


YOUNG_SECONDS = 1.0
POLL_SECONDS = 0.002

_serving = {}  # thread id -> monotonic start of the request it serves


def request_started(event):
    _serving[threading.get_ident()] = time.monotonic()


def request_ended(event):
    _serving.pop(threading.get_ident(), None)


def young_requests(me):
    now = time.monotonic()
    return [
        ident
        for ident, started in list(_serving.items())
        if ident != me and now - started < YOUNG_SECONDS
    ]


def give_way():
    """Wait while another thread serves a request begun within the last
    ``YOUNG_SECONDS``; returns the seconds waited."""
    me = threading.get_ident()
    start = time.monotonic()
    while young_requests(me):
        time.sleep(POLL_SECONDS)
    return time.monotonic() - start
