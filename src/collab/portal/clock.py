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
the comment comes); a late clock only delays what it tidies up.

Shared: imports no feature.
"""

from collab.portal.switches import switched_on
from contextvars import ContextVar
from datetime import datetime
from datetime import UTC
from zope.event import notify
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


_clock_running = ContextVar("collab_portal_clock_running", default=False)


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
    event = ClockTick(at or datetime.now(UTC))
    with switched_on(_clock_running):
        notify(event)
    return event.changes
