"""The clock's cost per tick must not grow with the archive.

``clock-tick`` (only with ``--only clock-tick``: it creates 350 objects
through REST, about a minute) times ``POST @clock`` on the site as made
(its demo forums), then adds 50 archived forums holding 300 discussion
groups and times it again, and prints the lower quartiles (the tick's
own cost; noise only adds time) and the medians, with their ratios
(target <= 1.2). The timed request of the table is the tick afterwards.
"""

from context import ACCEPT_JSON
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from scenarios import register
import statistics
import time


FORUMS = 50
GROUPS = 300
WARMUP = 10
TICKS = 61


def tick_ms(ctx, session, url):
    """Median of TICKS ticks after WARMUP untimed ones: right after 350
    objects were created the server is still digesting them (its object
    cache, the garbage collector), which is no cost of a tick."""
    for _ in range(WARMUP):
        session.post(url, headers=ACCEPT_JSON).raise_for_status()
    times = []
    for _ in range(TICKS):
        start = time.perf_counter()
        session.post(url, headers=ACCEPT_JSON).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    # Noise on a shared 2-core machine only ever adds time: the lower
    # quartile is the tick's own cost, the median is printed beside it.
    return times[len(times) // 4], statistics.median(times)


def build_archive(ctx):
    now = datetime.now(UTC)
    for f in range(FORUMS):
        forum = ctx.create(
            ctx.en,
            "Forum",
            id=f"archived-{f}",
            title=f"Archived forum {f}",
            opens=(now - timedelta(days=400)).isoformat(),
            closes=(now - timedelta(days=300)).isoformat(),
        )
        ctx.rest("POST", f"{forum}/@workflow/publish")
        for g in range(GROUPS // FORUMS):
            ctx.create(
                forum,
                "DiscussionGroup",
                id=f"group-{g}",
                title=f"Group {g}",
                opens=(now - timedelta(days=390)).isoformat(),
                closes=(now - timedelta(days=380)).isoformat(),
            )
        ctx.rest("POST", f"{forum}/@workflow/archive")


@register("clock-tick", "rest", login="admin", optional=True)
def clock_tick(ctx):
    """Admin POST @clock with 50 archived forums and 300 groups (prints the
    per-tick cost before and after adding them)."""
    url = f"{ctx.site}/@clock"
    session = ctx.admin
    before, before_median = tick_ms(ctx, session, url)
    build_archive(ctx)
    after, after_median = tick_ms(ctx, session, url)
    print(
        f"· clock per tick (lower quartile of {TICKS}): site as made {before:.1f} ms, "
        f"with {FORUMS} archived forums / {GROUPS} groups {after:.1f} ms, ratio "
        f"{after / before:.2f} (target <= 1.2); medians {before_median:.1f} and "
        f"{after_median:.1f} ms, ratio {after_median / before_median:.2f}",
        flush=True,
    )
    return lambda session: session.post(url, headers=ACCEPT_JSON)
