"""Core of the benchmark: a throwaway Zope server and the timed loops.

Every run builds its own instance and site in a temporary directory, so the
numbers never depend on the state of a developer's ``var/`` and two runs
never share a Data.fs. The server binds 127.0.0.1 only and is always stopped,
also on Ctrl-C, because a leftover server would skew the next run.
"""

from bench_probe import MARKER
from bench_probe import SUBSCRIBER_ZCML
from concurrency import run_concurrent
from concurrency import timed_call
from pathlib import Path
import json
import os
import requests
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
STARTUP_TIMEOUT = 180


def free_port():
    """A port nobody listens on right now (loopback only)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """Temporary instance + site served by ``runwsgi``; a context manager.

    Built with the project's own CLI, so it is the same configuration as
    ``make start`` apart from host, port and one conflict-counting subscriber.
    """

    def __init__(
        self,
        keep=False,
        threads=4,
        admin="admin:admin",
        log=print,
        seed=(),
        contacts=False,
        drafts=False,
    ):
        self.keep, self.threads, self.admin, self.log = keep, threads, admin, log
        self.seed = sorted(set(seed))
        self.contacts = contacts
        self.contacts_report = None
        self.drafts = drafts
        self.drafts_report = None
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-bench-"))
        self.port = free_port()
        # The site sends its mail here; a scenario may listen (aiosmtpd).
        self.smtp_port = free_port()
        self.proc = None
        self.event_log = self.tmp / "var" / "log" / "instance.log"

    def __enter__(self):
        try:
            self._build()
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _run(self, *args):
        self._setup_step(
            [str(BIN / "collab-portal"), *args], f"collab-portal {args[0]}", 600
        )

    def _setup_step(self, command, what, timeout):
        """Run one of our own set-up programs, its output in setup.log."""
        with (self.tmp / "setup.log").open("a") as out:
            done = subprocess.run(  # noqa: S603 - our own venv's scripts
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        if done.returncode:
            raise RuntimeError(f"{what} failed:\n{self._tail()}")

    def _build(self):
        instance = self.tmp / "instance"
        self.log(f"· instance and site in {self.tmp} (port {self.port})")
        self._run(
            *("instance", "--directory", str(instance), "--var", str(self.tmp / "var")),
            *("--host", "127.0.0.1", "--port", str(self.port)),
            *("--threads", str(self.threads)),
        )
        conf = str(instance / "etc" / "zope.conf")
        self._run(
            "create-site", "--zope-conf", conf, "--id", "Plone", "--admin", self.admin
        )
        if self.seed:
            self.log(f"· seeding groups with {', '.join(map(str, self.seed))} comments")
            self._setup_step(
                [sys.executable, str(HERE / "seed_discussions.py"), conf]
                + [str(n) for n in self.seed],
                "seeding",
                1800,
            )
        if self.contacts:
            self._seed_contacts(conf)
        if self.drafts:
            self._seed_drafts(conf)
        zcml = instance / "etc" / "site.zcml"
        zcml.write_text(
            zcml.read_text().replace("</configure>", SUBSCRIBER_ZCML + "</configure>")
        )

    def _seed_contacts(self, conf):
        """Import 10,000 contacts, timed in one process (seed_contacts.py),
        and point the site's mail at ``smtp_port``."""
        self.log("· importing 10,000 contacts (timed; several minutes)")
        report = self.tmp / "contacts.json"
        self._setup_step(
            [sys.executable, str(HERE / "seed_contacts.py"), conf, str(report)],
            "seeding contacts",
            3600,
        )
        self.contacts_report = json.loads(report.read_text())
        self._run(
            *("mail-settings", "--zope-conf", conf, "--id", "Plone"),
            *("--smtp-host", "127.0.0.1", "--smtp-port", str(self.smtp_port)),
        )

    def _seed_drafts(self, conf):
        """Drafts with 2,000 and 10 comments, guest links, and the timed
        100-page DOCX conversion (seed_drafts.py)."""
        self.log("· seeding drafts with 2,000 comments (a few minutes)")
        report = self.tmp / "drafts.json"
        self._setup_step(
            [sys.executable, str(HERE / "seed_drafts.py"), conf, str(report)],
            "seeding drafts",
            3600,
        )
        self.drafts_report = json.loads(report.read_text())

    def _start(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(HERE), env.get("PYTHONPATH")])
        )
        ini = self.tmp / "instance" / "etc" / "zope.ini"
        with (self.tmp / "server.out").open("w") as out:
            self.proc = subprocess.Popen(  # noqa: S603 - our own venv's script
                [str(BIN / "runwsgi"), str(ini)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        url = f"http://127.0.0.1:{self.port}/Plone"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"runwsgi exited:\n{self._tail('server.out')}")
            try:
                if requests.get(url, timeout=5).status_code < 500:  # noqa: S113
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"no answer from {url} after {STARTUP_TIMEOUT} s")

    def _tail(self, name="setup.log", lines=20):
        path = self.tmp / name
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self):
        """Terminate, then kill if it does not go within 20 s."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def close(self):
        self.stop()
        if self.keep:
            self.log(f"· kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def log_offset(self):
        return self.event_log.stat().st_size if self.event_log.exists() else 0

    def conflicts_since(self, offset):
        """(all, not retried) ConflictErrors the probe logged since ``offset``."""
        if not self.event_log.exists():
            return 0, 0
        with self.event_log.open("rb") as log:
            log.seek(offset)
            text = log.read()
        marker = MARKER.encode()
        return text.count(marker), text.count(marker + b" retry=False")


class Result:
    """Samples of one scenario; seconds in, milliseconds out."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.samples, self.errors, self.round_medians = [], [], []
        self.clients = self.conflicts = self.failed_conflicts = 0
        self.elapsed = 0.0

    def add(self, samples, errors):
        self.samples += samples
        self.errors += errors
        if samples:
            self.round_medians.append(statistics.median(samples) * 1000)

    @property
    def median_ms(self):
        return statistics.median(self.samples) * 1000 if self.samples else None

    @property
    def p95_ms(self):
        """Nearest-rank 95th percentile: an observed value, no interpolation."""
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[max(0, -(-95 * len(ordered) // 100) - 1)] * 1000

    @property
    def throughput(self):
        return len(self.samples) / self.elapsed if self.elapsed else None


def time_requests(request, session, count, budget):
    """Up to ``count`` requests one after another, at most ``budget`` seconds."""
    samples, errors = [], []
    deadline = time.monotonic() + budget
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        seconds, error = timed_call(request, session)
        if error:
            errors.append(error)
        else:
            samples.append(seconds)
    return samples, errors


def measure_latency(ctx, scenarios, rounds, count, warmup, budget, log=print):
    """Interleaved rounds: drift on a noisy machine hits every scenario alike."""
    prepared = [(s, s.setup(ctx), ctx.session(s.login_for(0))) for s in scenarios]
    # A setup that returns None measured once and printed (e.g. an import
    # timed in one process): nothing to time here.
    prepared = [item for item in prepared if item[1] is not None]
    results = {s.name: Result(s) for s, _request, _session in prepared}
    for _scenario, request, session in prepared:
        time_requests(request, session, warmup, budget)
    for number in range(1, rounds + 1):
        for scenario, request, session in prepared:
            results[scenario.name].add(*time_requests(request, session, count, budget))
        log(f"· round {number}/{rounds} done")
    return list(results.values())


def measure_load(ctx, server, scenarios, seconds=None, log=print):
    """One timed run of N clients per scenario, with the conflicts it caused."""
    results = []
    for scenario in scenarios:
        request = scenario.setup(ctx)
        if request is None:
            # It ran its own clients and printed its results (drafts-poll-x100).
            continue
        offset = server.log_offset()
        duration = seconds or scenario.seconds
        log(f"· {scenario.name}: {scenario.clients} client(s) for {duration:g} s")
        load = run_concurrent(
            scenario.clients,
            duration,
            lambda i, s=scenario: ctx.session(s.login_for(i)),
            request,
        )
        result = Result(scenario)
        verify = getattr(request, "verify", None)
        if verify is not None:
            # e.g. "no comment lost": what the server kept vs what it accepted
            problems = verify(len(load.samples))
            load.errors += problems
            log(
                f"· {scenario.name}: checked {len(load.samples)} accepted: "
                + ("; ".join(map(str, problems)) or "all kept")
            )
        result.add(load.samples, load.errors)
        result.clients, result.elapsed = scenario.clients, load.elapsed
        time.sleep(0.5)  # let the event log flush before counting
        result.conflicts, result.failed_conflicts = server.conflicts_since(offset)
        results.append(result)
    return results
