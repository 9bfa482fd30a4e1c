"""Draft documents with comment rounds (issue 22): the page of a draft of
300 paragraphs with 2,000 comments, a 304 poll, posting at 2,000 and at
10 comments, 100 guests polling while 10 members post, and the 100-page
DOCX conversion.

All need ``bench/seed_drafts.py`` before the server starts (the drafts,
their comments, the guests' links and the timed conversion), so they run
only when named: ``--only draft-html-2000`` and so on (see
docs/performance.md, "Draft documents (issue 22)").

- ``draft-html-2000``: a participant reads the draft's page, against the
  same participant reading a published Document holding the same HTML
  (``draft-document-html``; target <= 2);
- ``draft-poll-304``: a participant's ``GET @paragraphs`` with
  ``If-None-Match``, answered 304, against the anonymous baseline page
  ``document-html`` (target <= 0.3); the ETag names the minute, so the
  first poll of a minute is answered 200 and asked again with the new
  ETag (that sample holds both); a poll not answered 304 then is an
  error;
- ``draft-comment-post-2000``: a participant POSTs a paragraph comment to
  a draft holding 2,000 (and growing), against the same at 10
  (``draft-comment-post-10``; target <= 1.5);
- ``drafts-poll-x100`` (``--concurrency``): 100 guests, each with the
  cookie its link gives, poll ``@paragraphs`` every 5 s (as drafts.js
  does: If-None-Match, the ETag kept from the last 200) while 10
  participants POST comments back to back, 60 s; printed: errors (target
  0), the polls' median and p95, the posts';
- ``draft-docx-convert``: printed, ``conversion.docx_to_html`` of a
  100-page DOCX built with python-docx, timed inside the site by the
  seeding (median of three).
"""

from context import ACCEPT_JSON
from scenarios import register
import itertools
import random
import statistics
import threading
import time


READER = "drafter19"  # the participant of the latency scenarios
POSTER = "drafter18"
POSTERS = 10  # drafter0..drafter9 in the load scenario
GUESTS = 100
POLL_SECONDS = 5.0
LOAD_SECONDS = 60.0
REQUEST_TIMEOUT = 30


def seeded(ctx, name):
    """URL and paragraph ids of a seeded draft; its members' passwords."""
    for login in ctx.drafts["users"]:
        ctx.passwords.setdefault(login, ctx.drafts["password"])
    draft = ctx.drafts["drafts"][name]
    return ctx.origin + draft["path"], draft["pids"]


def drafts_scenario(name, kind, **options):
    return register(name, kind, optional=True, drafts=True, **options)


@drafts_scenario(
    "draft-document-html", "html", login=READER, baseline="draft-document-html"
)
def document_html(ctx):
    """A participant GETs a published Document holding the draft's HTML.

    The draft page's baseline: the same 300 paragraphs, the same reader."""
    seeded(ctx, "2000")
    url = f"{ctx.en}/bench-draft-document"
    return lambda session: session.get(url)


def page(name):
    def setup(ctx):
        url, _pids = seeded(ctx, name)
        return lambda session: session.get(url)

    return setup


for _name, _doc in (
    (
        "2000",
        "A participant GETs the page of a draft of 300 paragraphs, 2,000 comments.",
    ),
    ("10", "A participant GETs the page of the same draft text with 10 comments."),
):
    page_setup = page(_name)
    page_setup.__doc__ = _doc
    drafts_scenario(
        f"draft-html-{_name}", "html", login=READER, baseline="draft-document-html"
    )(page_setup)


@drafts_scenario("draft-poll-304", "rest", login=READER, baseline="document-html")
def poll_304(ctx):
    """A participant's GET @paragraphs with If-None-Match, answered 304."""
    url, _pids = seeded(ctx, "2000")
    url = f"{url}/@paragraphs"
    first = ctx.session(READER).get(url, headers=ACCEPT_JSON)
    first.raise_for_status()
    headers = {**ACCEPT_JSON, "If-None-Match": first.headers["ETag"]}

    def request(session):
        response = session.get(url, headers=headers)
        if response.status_code == 200:
            # The ETag names the minute (comments.polling): the first poll
            # of a new minute is answered in full, and drafts.js keeps the
            # new ETag; so does this client, asking again at once.
            headers["If-None-Match"] = response.headers["ETag"]
            response = session.get(url, headers=headers)
        if response.status_code != 304:
            # Counted as an error: this scenario times 304s only.
            response.status_code = 599
        return response

    return request


def poster(ctx, name):
    url, pids = seeded(ctx, name)
    url = f"{url}/@comments"
    rng = random.Random(name)  # noqa: S311 - not for security
    counter = itertools.count()

    def request(session):
        return session.post(
            url,
            headers=ACCEPT_JSON,
            json={
                "text": f"Posted comment {next(counter)} on this paragraph.",
                "paragraph": rng.choice(pids),
            },
        )

    return request


@drafts_scenario(
    "draft-comment-post-10", "rest", login=POSTER, baseline="draft-comment-post-10"
)
def post_10(ctx):
    """A participant POSTs a paragraph comment to a draft holding 10."""
    return poster(ctx, "10-post")


@drafts_scenario(
    "draft-comment-post-2000", "rest", login=POSTER, baseline="draft-comment-post-10"
)
def post_2000(ctx):
    """A participant POSTs a paragraph comment to a draft holding 2,000."""
    return poster(ctx, "2000-post")


@drafts_scenario("draft-docx-convert", "rest", baseline="draft-docx-convert")
def docx_convert(ctx):
    """docx_to_html of a 100-page DOCX inside the site (printed).

    Timed by bench/seed_drafts.py in one process, median of three."""
    r = ctx.drafts["docx"]
    print(
        f"· draft-docx-convert: {r['pages']} pages ({r['bytes'] // 1024} KB, "
        f"{r['blocks']} blocks) converted in {r['median_s']:.2f} s (median of "
        + ", ".join(f"{s:.2f}" for s in r["seconds"])
        + " s)"
    )


def guest_cookie(session, draft, link):
    response = session.post(
        f"{draft}/@@guest", data={**link, "save": "1"}, allow_redirects=False
    )
    if response.status_code != 303 or "collab_guest" not in response.cookies:
        raise RuntimeError(f"no guest cookie: HTTP {response.status_code}")
    return response.cookies["collab_guest"]


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[max(0, -(-share * len(ordered) // 100) - 1)] * 1000


def summary(what, samples, errors):
    if not samples:
        return f"· {what}: no answer, {len(errors)} errors"
    return (
        f"· {what}: {len(samples)} answered, {len(errors)} errors, median "
        f"{statistics.median(samples) * 1000:.0f} ms, p95 "
        f"{percentile(samples, 95):.0f} ms, max {max(samples) * 1000:.0f} ms"
    )


@drafts_scenario(
    "drafts-poll-x100", "rest", clients=GUESTS + POSTERS, seconds=LOAD_SECONDS
)
def poll_x100(ctx):
    """100 guests poll @paragraphs every 5 s while 10 members post (printed).

    60 s; printed: statuses, errors, the polls' and the posts' p95."""
    draft, pids = seeded(ctx, "2000")
    cookies = [
        guest_cookie(ctx.session(), draft, link) for link in ctx.drafts["guests"]
    ]
    polls, posts = ([], []), ([], [])
    statuses = {}
    lock = threading.Lock()
    start = threading.Barrier(GUESTS + POSTERS + 1, timeout=60)

    def call(record, method, url, session, **kwargs):
        began = time.perf_counter()
        try:
            response = session.request(method, url, timeout=REQUEST_TIMEOUT, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure counts
            with lock:
                record[1].append(f"{type(error).__name__}: {error}")
            return None
        took = time.perf_counter() - began
        with lock:
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                record[1].append(f"HTTP {response.status_code} {method} {url}")
            else:
                record[0].append(took)
        return response

    def guest(index):
        session = ctx.session()
        headers = {**ACCEPT_JSON, "Cookie": f"collab_guest={cookies[index]}"}
        etag = None
        rng = random.Random(index)  # noqa: S311 - not for security
        start.wait()
        deadline = time.monotonic() + LOAD_SECONDS
        time.sleep(rng.uniform(0, POLL_SECONDS))  # guests do not poll in step
        while time.monotonic() < deadline:
            began = time.monotonic()
            asked = {**headers, **({"If-None-Match": etag} if etag else {})}
            response = call(
                polls, "GET", f"{draft}/@paragraphs", session, headers=asked
            )
            if response is not None and response.status_code == 200:
                etag = response.headers.get("ETag")
            elif response is None or response.status_code != 304:
                etag = None
            time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - began)))
        session.close()

    def member(index):
        login = f"drafter{index}"
        session = ctx.session(login)
        rng = random.Random(login)  # noqa: S311 - not for security
        start.wait()
        deadline = time.monotonic() + LOAD_SECONDS
        count = 0
        while time.monotonic() < deadline:
            count += 1
            call(
                posts,
                "POST",
                f"{draft}/@comments",
                session,
                headers=ACCEPT_JSON,
                json={"text": f"{login} posts {count}.", "paragraph": rng.choice(pids)},
            )
        session.close()

    threads = [
        threading.Thread(target=guest, args=(i,), daemon=True) for i in range(GUESTS)
    ] + [
        threading.Thread(target=member, args=(i,), daemon=True) for i in range(POSTERS)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(LOAD_SECONDS + 2 * REQUEST_TIMEOUT)
    elapsed = time.perf_counter() - began
    print(
        f"· drafts-poll-x100: {GUESTS} guests polling every {POLL_SECONDS:g} s, "
        f"{POSTERS} members posting back to back, {elapsed:.0f} s; statuses "
        + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
    )
    print(summary("guests' polls", *polls))
    print(summary("members' posts", *posts))
    for error in sorted(set(polls[1] + posts[1]))[:10]:
        print(f"  error: {error}")
    ctx.drafts["load"] = {"polls": polls, "posts": posts, "statuses": statuses}
