"""Forum scenarios: the forum page and its REST schedule with six groups.

Comment scenarios (group page at 100 / 10,000 comments, posting under load)
join here as the comment features land.
"""

from context import ACCEPT_JSON
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from scenarios import register


def forum_with_groups(ctx, groups=6):
    def build():
        now = datetime.now(UTC)
        forum = ctx.create(
            ctx.en,
            "Forum",
            id="bench-forum",
            title="Benchmark forum",
            opens=(now - timedelta(days=10)).isoformat(),
            closes=(now + timedelta(days=60)).isoformat(),
            purpose={"data": "<p>Purpose.</p>" * 5, "content-type": "text/html"},
        )
        ctx.rest("POST", f"{forum}/@workflow/publish")
        for n in range(groups):
            group = ctx.create(
                forum,
                "DiscussionGroup",
                id=f"group-{n}",
                title=f"Discussion group {n}",
                guiding_questions=[f"Question {q}" for q in range(1, 4)],
                opens=(now + timedelta(days=7 * n - 7)).isoformat(),
                closes=(now + timedelta(days=7 * n)).isoformat(),
                schedule_remarks="Remarks." if n % 2 else "",
            )
            ctx.rest("POST", f"{group}/@workflow/schedule")
        return forum

    return ctx.once("bench-forum", build)


@register("forum-html", "html")
def forum_html(ctx):
    """Anonymous GET of a forum page with six discussion groups."""
    url = forum_with_groups(ctx)
    return lambda session: session.get(url)


@register("forum-schedule-rest", "rest")
def forum_schedule_rest(ctx):
    """Anonymous GET <forum>/@schedule with six groups."""
    url = f"{forum_with_groups(ctx)}/@schedule"
    return lambda session: session.get(url, headers=ACCEPT_JSON)
