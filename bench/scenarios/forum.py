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


def open_group(ctx, forum, **fields):
    """A discussion group in ``forum``, open for ten days, with the
    per-minute comment limit raised to the settings' maximum for the run."""
    now = datetime.now(UTC)
    ctx.rest(
        "PATCH",
        f"{ctx.site}/@controlpanels/collab-portal",
        {"comments_per_minute": 1000},
    )
    group = ctx.create(
        forum,
        "DiscussionGroup",
        opens=(now - timedelta(hours=1)).isoformat(),
        closes=(now + timedelta(days=10)).isoformat(),
        **fields,
    )
    ctx.rest("POST", f"{group}/@workflow/schedule")
    ctx.rest("POST", f"{group}/@workflow/open")
    return group


def open_group_with_comments(ctx, count):
    """An open discussion group holding ``count`` comments (admin posts them;
    the per-minute limit is raised for the run)."""

    def build():
        group = open_group(
            ctx,
            forum_with_groups(ctx),
            id=f"open-{count}",
            title=f"Open group with {count} comments",
            guiding_questions=["First question", "Second question"],
        )
        for n in range(count):
            ctx.rest(
                "POST",
                f"{group}/@comments",
                {"text": f"Comment {n}: " + "words " * 40},
            )
        return group

    return ctx.once(f"open-group-{count}", build)


@register("group-html-100", "html")
def group_html_100(ctx):
    """Anonymous GET of an open discussion group page with 100 comments
    (target: at most 1.5 x the plain Document page)."""
    url = open_group_with_comments(ctx, 100)
    return lambda session: session.get(url)


@register("comments-rest-100", "rest")
def comments_rest_100(ctx):
    """Anonymous GET <group>/@comments (first batch) with 100 comments."""
    url = f"{open_group_with_comments(ctx, 100)}/@comments"
    return lambda session: session.get(url, headers=ACCEPT_JSON)
