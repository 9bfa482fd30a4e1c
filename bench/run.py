"""``make bench``: time pages and REST calls against a plain Document.

Builds a throwaway instance and site, serves it on 127.0.0.1, measures every
registered scenario (see ``bench/scenarios/``) and prints median, p95 and the
ratio to a baseline measured in the same run. See bench/README.md.
"""

from context import ACCEPT_JSON
from context import Context
from harness import measure_latency
from harness import measure_load
from harness import Server
from report import error_lines
from report import latency_table
from report import load_table
from report import write_json
import argparse
import datetime
import os
import platform
import scenarios
import signal
import sys
import time


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    add = parser.add_argument
    add("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    add("--requests", type=int, default=30, help="requests per scenario and round")
    add("--warmup", type=int, default=10, help="untimed requests per scenario first")
    add("--budget", type=float, default=30.0, help="max seconds per scenario and round")
    add(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this scenario (repeatable; its baseline is added)",
    )
    add("--concurrency", action="store_true", help="also run the load scenarios")
    add("--seconds", type=float, help="override the duration of load scenarios")
    add("--threads", type=int, default=4, help="waitress threads (default 4)")
    add("--keep", action="store_true", help="keep the temporary instance and data")
    add("--json", metavar="FILE", help="also write the results as JSON")
    add("--list", action="store_true", help="list the scenarios and exit")
    return parser.parse_args(argv)


def select(registry, only, concurrency):
    """Chosen scenarios plus their baselines, in registration order."""
    unknown = [name for name in only if name not in registry]
    if unknown:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; see --list")
    wanted = set(only) or {
        name
        for name, s in registry.items()
        if (concurrency or not s.is_load) and not s.optional
    }
    while missing := {registry[n].compared_with for n in wanted} - wanted:
        wanted |= missing
    return [s for name, s in registry.items() if name in wanted]


def on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows under make too
    registry = scenarios.load()
    if args.list:
        for s in registry.values():
            extra = f" [{s.clients} clients, --concurrency]" if s.is_load else ""
            print(
                f"{s.name:32} {s.kind:5} vs {s.compared_with}{extra}  {s.description}"
            )
        return 0
    chosen = select(registry, args.only, args.concurrency)
    latency = [s for s in chosen if not s.is_load]
    load = [s for s in chosen if s.is_load]
    signal.signal(signal.SIGTERM, on_sigterm)
    started = time.monotonic()
    try:
        seed = [n for s in chosen for n in s.seed]
        contacts = any(s.contacts for s in chosen)
        drafts = any(s.drafts for s in chosen)
        with Server(
            keep=args.keep,
            threads=args.threads,
            seed=seed,
            contacts=contacts,
            drafts=drafts,
        ) as server:
            ready = time.monotonic()
            print(f"· server up after {ready - started:.1f} s")
            ctx = Context(server.port, admin=server.admin)
            ctx.smtp_port, ctx.contacts = server.smtp_port, server.contacts_report
            ctx.drafts = server.drafts_report
            page = ctx.session().get(ctx.baseline_document()).text
            themed = "++theme++" in page  # barceloneta's resources
            lat = measure_latency(
                ctx, latency, args.rounds, args.requests, args.warmup, args.budget
            )
            loaded = measure_load(ctx, server, load, args.seconds)
    except KeyboardInterrupt:
        print("Interrupted; the server is stopped.", file=sys.stderr)
        return 130
    took = time.monotonic() - started
    print_results(args, ctx, themed, lat, loaded, took, ready - started)
    if args.json:
        meta = metadata(args, ctx, themed, took)
        write_json(args.json, meta, lat, loaded)
        print(f"Wrote {args.json}")
    return 0


def print_results(args, ctx, themed, latency, load, took, building):
    print()
    print(
        f"HTML pages from {ctx.origin} ({'themed' if themed else 'NOT themed'}), "
        f"anonymous unless a scenario logs in; REST with {ACCEPT_JSON['Accept']}."
    )
    if latency:
        print(
            f"Latency: {args.rounds} rounds x {args.requests} requests after "
            f"{args.warmup} warm-up, one keep-alive client; ratio = median / "
            "median of the baseline."
        )
        print(latency_table(latency))
    if load:
        print()
        print(
            "Load: N keep-alive clients at once; conflicts = ConflictErrors in "
            "Zope, (failed) = not retried, i.e. HTTP 500; req/s ratio = req/s / "
            "req/s of the baseline."
        )
        print(load_table(load))
    for line in error_lines([*latency, *load]):
        print(line)
    print()
    print(f"Took {took:.1f} s in all ({building:.1f} s building the site).")


def metadata(args, ctx, themed, took):
    return {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "origin": ctx.origin,
        "themed": themed,
        "rounds": args.rounds,
        "requests": args.requests,
        "warmup": args.warmup,
        "waitress_threads": args.threads,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "seconds": round(took, 1),
    }


if __name__ == "__main__":
    sys.exit(main())
