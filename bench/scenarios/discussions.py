"""Long discussions: the same page, REST batch and post at 10 and at 10,000
comments, and members posting to one group at once.

The 10,000-comment group is written before the server starts by
``bench/seed_discussions.py`` (through plone.app.discussion's API, events
and all); each 10,000 scenario is compared with its 10-comment twin, the
issue's "at 10,000 comments <= 1.5 x the same at 10".
"""

from context import ACCEPT_JSON
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from scenarios import register
from scenarios.forum import open_group
import itertools
import random
import threading


SPEAKER_PASSWORD = "Speaker-Bench-2024"  # noqa: S105 - seeded bench members
WORDS = [
    "capacity",
    "building",
    "national",
    "plans",
    "monitoring",
    "evaluation",
    "indicators",
    "funding",
    "partners",
    "coordination",
    "mechanism",
    "regional",
    "centres",
    "training",
    "experience",
    "lessons",
    "priorities",
    "gaps",
    "support",
    "countries",
    "secretariat",
    "parties",
    "review",
    "progress",
    "targets",
    "reporting",
    "data",
    "sharing",
    "access",
]


def sentence():
    """A comment in the forum's own words: real discussions reuse words, so
    (unlike a random token per comment) most posts add none to the
    catalog's lexicon, whose new-word ids cannot be merged on conflict."""
    words = random.choices(WORDS, k=40)  # noqa: S311 - not for security
    return " ".join(words).capitalize() + "."


def seeded_group(ctx, count):
    ctx.passwords.setdefault("speaker0", SPEAKER_PASSWORD)
    return f"{ctx.site}/en/bench-discussions/group-{count}"


def html(count):
    def setup(ctx):
        url = seeded_group(ctx, count)
        return lambda session: session.get(url)

    return setup


def rest(count):
    def setup(ctx):
        url = f"{seeded_group(ctx, count)}/@comments"
        return lambda session: session.get(url, headers=ACCEPT_JSON)

    return setup


def post(count):
    def setup(ctx):
        url = f"{seeded_group(ctx, count)}/@comments"
        return lambda session: session.post(
            url, headers=ACCEPT_JSON, json={"text": sentence()}
        )

    return setup


def twin(name, kind, setup, doc, count, baseline=None, login=None):
    setup.__doc__ = doc
    register(name, kind, baseline=baseline, login=login, seed=(count,))(setup)


for count in (10, 10000):
    big = count == 10000
    twin(
        f"group-html-{count}",
        "html",
        html(count),
        f"Anonymous GET of an open group page holding {count} comments.",
        count,
        baseline="group-html-10" if big else None,
    )
    twin(
        f"comments-rest-{count}",
        "rest",
        rest(count),
        f"Anonymous GET <group>/@comments (first batch), {count} comments.",
        count,
        baseline="comments-rest-10" if big else None,
    )
    twin(
        f"comment-post-{count}",
        "rest",
        post(count),
        f"A member POSTs one comment to a group holding {count} (and growing).",
        count,
        baseline="comment-post-10" if big else None,
        login="speaker0",
    )


POSTERS = 8


def posting_group(ctx, name):
    """An open group of its own, and members to post there (the per-member
    limit is raised to the settings' maximum)."""
    now = datetime.now(UTC)
    forum = ctx.once(
        "load-forum",
        lambda: ctx.create(
            ctx.en,
            "Forum",
            publish=True,
            id="bench-load",
            title="Load",
            opens=(now - timedelta(days=1)).isoformat(),
            closes=(now + timedelta(days=30)).isoformat(),
        ),
    )
    group = open_group(ctx, forum, id=name, title=name)
    for n in range(POSTERS * 2):
        ctx.add_user(f"poster{n}")
    return group


def poster(ctx, group, rotate):
    """POST a comment; ``rotate`` members take turns so one fast client
    stays under the per-member limit. ``verify`` checks afterwards that
    every accepted comment is there."""
    url = f"{group}/@comments"
    logins = itertools.cycle([f"poster{n}" for n in range(rotate)])
    lock = threading.Lock()

    def request(session):
        auth = None
        if rotate:
            with lock:
                login = next(logins)
            auth = (login, ctx.passwords[login])
        return session.post(
            url,
            headers=ACCEPT_JSON,
            json={"text": sentence()},
            auth=auth,
        )

    def verify(accepted):
        kept = ctx.rest("GET", f"{url}?b_size=1")["items_total"]
        if kept != accepted:
            return [f"{accepted} comments accepted, {kept} kept: comments lost"]
        return []

    request.verify = verify
    return request


@register("comment-post-x1", "rest", clients=1, seconds=30)
def comment_post_x1(ctx):
    """One client posting comments to one open group for 30 s."""
    return poster(ctx, posting_group(ctx, "load-x1"), rotate=POSTERS * 2)


@register(
    "comment-post-x8",
    "rest",
    clients=POSTERS,
    seconds=30,
    login=lambda i: f"poster{i}",
    baseline="comment-post-x1",
)
def comment_post_x8(ctx):
    """8 members posting to the same open group at once for 30 s."""
    return poster(ctx, posting_group(ctx, "load-x8"), rotate=0)
