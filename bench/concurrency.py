"""N clients at once, each with its own keep-alive session, for T seconds.

Write paths (comments, registrations, posts) behave differently under
concurrency than one request at a time: ZODB conflicts are retried by Zope
and only show up as latency, errors or lost throughput. Scenarios such as
"8 members posting for 30 s" use this helper. Every loop is bounded by a
deadline and a request count, and every request has a timeout.
"""

from dataclasses import dataclass
from dataclasses import field
import requests
import threading
import time


MAX_REQUESTS_PER_CLIENT = 100_000
JOIN_GRACE = 60  # seconds past the deadline: the longest request timeout + margin


@dataclass
class LoadResult:
    """What N clients did: successful request times, error messages, wall time."""

    clients: int
    elapsed: float = 0.0
    samples: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def throughput(self):
        """Successful requests per second over the wall time of the run."""
        return len(self.samples) / self.elapsed if self.elapsed else 0.0


def describe(response):
    """``HTTP 500 POST url (ConflictError)``: the error type if REST says it."""
    try:
        body = response.json()
        kind = body.get("error", body).get("type") or ""
    except (ValueError, AttributeError):
        kind = ""
    where = f"{response.request.method} {response.url}"
    return f"HTTP {response.status_code} {where}" + (f" ({kind})" if kind else "")


def timed_call(request, session):
    """(seconds, None) on a 2xx/3xx answer, (seconds, message) otherwise."""
    start = time.perf_counter()
    try:
        response = request(session)
    except requests.RequestException as exc:
        return time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    if response.status_code >= 400:
        return (
            seconds,
            f"HTTP {response.status_code} {response.request.method} {response.url}",
        )
    return seconds, None


def run_concurrent(
    clients, seconds, make_session, request, max_requests=MAX_REQUESTS_PER_CLIENT
):
    """Run ``request(session)`` in ``clients`` threads until ``seconds`` pass.

    ``make_session(i)`` gives client ``i`` its session (so clients can log in
    as different members). Clients start together behind a barrier; the clock
    starts when they are released and stops when the last one finishes.
    """
    result = LoadResult(clients)
    stop = threading.Event()
    ready = threading.Barrier(clients + 1, timeout=JOIN_GRACE)
    per_client = [([], []) for _ in range(clients)]

    def client(index):
        session = make_session(index)
        samples, errors = per_client[index]
        ready.wait()
        deadline = time.monotonic() + seconds
        for _ in range(max_requests):
            if stop.is_set() or time.monotonic() >= deadline:
                break
            elapsed, error = timed_call(request, session)
            if error:
                errors.append(error)
            else:
                samples.append(elapsed)
        session.close()

    threads = [
        threading.Thread(
            target=client, args=(i,), daemon=True, name=f"bench-client-{i}"
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    try:
        ready.wait()
        start = time.perf_counter()
        give_up = time.monotonic() + seconds + JOIN_GRACE
        for thread in threads:
            thread.join(max(0.0, give_up - time.monotonic()))
        result.elapsed = time.perf_counter() - start
    finally:
        stop.set()
    for samples, errors in per_client:
        result.samples += samples
        result.errors += errors
    return result
