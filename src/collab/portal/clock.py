"""The clock: one ``IClockTick`` event a minute that features subscribe to.

``POST <site>/@clock`` (``@forum-clock`` is the old name of the same
service) fires one tick; ``make start`` runs ``scripts/clock.sh``, in
production cron or a systemd timer calls it. Each feature subscribes with
a handler of its own in its ``tasks.py`` (forum windows, following's
digests, comment search, mail retries) and must keep its cost independent
of the archive: look up by catalog what is due, never load everything.
Where the order of steps matters, one handler calls them in order; the
handlers of different features do not depend on each other's order.

Nothing waits for the clock to be correct (a comment window is checked when
the comment comes); a late clock only delays what it tidies up. Where a
user waits for the clock's work (a mailing's ``@send``), ``tick_soon``
has the instance tick once its request commits, in a thread of its own,
instead of in up to a minute.

``now()`` is the one time source of the add-on and ``as_utc`` the one way
a stored date becomes UTC: every "what time is it" of a feature asks
``now()``, so a test (or a demo) that moves the clock with ``moved_to``
moves every feature with it.

Shared: imports no feature.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from collab.portal import logger
from collab.portal.switches import switched_on
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from datetime import UTC
from plone.app.event.base import default_timezone
from urllib.parse import urlparse
from zope.component.hooks import setSite
from zope.event import notify
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface
from ZPublisher.BaseRequest import RequestContainer
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse
import io
import threading
import transaction


_clock_running = ContextVar("collab_portal_clock_running", default=False)
_fixed = None  # set by ``moved_to``: the time ``now()`` answers


def now():
    """The current time, an aware UTC datetime."""
    return _fixed or datetime.now(UTC)


@contextmanager
def moved_to(at):
    """Make ``now()`` answer ``at`` (aware) inside the block, in every
    thread: for tests and demos that need a time other than the machine's."""
    global _fixed
    before, _fixed = _fixed, as_utc(at)
    try:
        yield _fixed
    finally:
        _fixed = before


def as_utc(value):
    """Aware UTC datetime; a naive value is read in the portal's time zone.

    A value at the edge of the calendar that has no UTC time (stored before
    the fields refused it) becomes the first or last moment there is, so
    pages that sort and compare such dates still work.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_timezone(as_tzinfo=True))
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.max if value.year > 1 else datetime.min
        return edge.replace(tzinfo=UTC)


class IClockTick(Interface):
    """The clock ticked (about once a minute)."""

    at = Attribute("The tick's time, an aware UTC datetime.")
    changes = Attribute(
        "A list handlers append what they changed to, as JSON-ready dicts "
        "(the answer of ``@clock``)."
    )


@implementer(IClockTick)
class ClockTick:
    def __init__(self, at):
        self.at = at
        self.changes = []


def clock_is_running():
    """True while the clock's handlers run (not an editor's request)."""
    return _clock_running.get()


def tick(at=None):
    """Fire one tick; returns the changes the handlers reported."""
    event = ClockTick(at or now())
    with switched_on(_clock_running):
        notify(event)
    return event.changes


MAX_EARLY_TICKS = 100
EARLY_TICKS = True  # tests that drive the clock by hand turn them off
_soon = threading.Lock()  # one early tick at a time per process
_again = threading.Event()  # asked for while one ran: run once more


def tick_soon(site, request):
    """Tick once the current transaction commits, in a thread, as seen from
    ``request``'s URL (a tick writes links into mail); nothing on abort."""
    if not EARLY_TICKS:
        return
    where = url_parts(request)
    path = site.getPhysicalPath()
    db = site._p_jar.db()
    transaction.get().addAfterCommitHook(_start, (db, path, where))


def url_parts(request):
    """What ``absolute_url`` needs of a request: the server URL and the
    virtual root (a proxy's ``VirtualHostBase``), if any."""
    return (
        request["SERVER_URL"],
        request.other.get("VirtualRootPhysicalPath"),
        request.getVirtualRoot(),
    )


def _start(committed, db, path, where):
    if not committed:
        return
    _again.set()
    if _soon.locked():
        return  # the running one ticks again
    threading.Thread(
        target=_run, args=(db, path, where), name="collab.portal clock", daemon=True
    ).start()


def _run(db, path, where):
    if not _soon.acquire(blocking=False):
        return
    try:
        for _round in range(MAX_EARLY_TICKS):
            if not _again.is_set():
                break
            _again.clear()
            if _tick_in(db, path, where):
                _again.set()  # it found work (a mailing's next batches): go on
    finally:
        _soon.release()


def _tick_in(db, path, where):
    """One tick on a connection of its own, as the system user; the
    changes it reported."""
    changes = []
    connection = db.open()
    try:
        app, request = _app_with_request(connection, where)
        setRequest(request)
        newSecurityManager(None, system)
        site = app.unrestrictedTraverse(path)
        setSite(site)
        transaction.begin()
        changes = tick()
        transaction.commit()
    except Exception:
        transaction.abort()
        logger.exception("The clock's early tick failed; the next tick goes on")
    finally:
        setSite(None)
        noSecurityManager()
        clearRequest()
        connection.close()
    return changes


def _app_with_request(connection, where):
    server_url, root_path, root = where
    url = urlparse(server_url)
    environ = {
        "SERVER_NAME": url.hostname or "localhost",
        "SERVER_PORT": str(url.port or (443 if url.scheme == "https" else 80)),
        "REQUEST_METHOD": "GET",
    }
    response = HTTPResponse(stdout=io.BytesIO())
    request = HTTPRequest(io.BytesIO(), environ, response)
    app = connection.root()["Application"]
    app = app.__of__(RequestContainer(REQUEST=request))
    request["PARENTS"] = [app]
    request.setServerURL(url.scheme, url.hostname, url.port)
    if root_path:
        request["PARENTS"] = [app.unrestrictedTraverse(root_path)]
        request.setVirtualRoot(root)
    return app, request
