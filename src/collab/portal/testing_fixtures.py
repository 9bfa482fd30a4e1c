"""Real outside services for the slow test layers: Chromium, PostgreSQL.

Each starts the real program from Debian's packages (installed by
``scripts/system-deps.sh``), on loopback only, and removes all it made.
"""

from pathlib import Path
from plone.testing import Layer
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def run_cli(*args, env, timeout=900):
    """``collab-portal <args>`` of this virtualenv, as ``make`` runs it; the
    end of its error output if it fails."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "collab-portal"), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromiumBrowser(Layer):
    """A headless Chromium driven by selenium, as ``self.layer['driver']``."""

    defaultBases = ()

    def setUp(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        self.profile = tempfile.mkdtemp(prefix="collab-chromium-")
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1000",
            f"--user-data-dir={self.profile}",
        ):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self["driver"] = webdriver.Chrome(options=options, service=service)
        self["driver"].set_page_load_timeout(60)

    def tearDown(self):
        self["driver"].quit()
        del self["driver"]
        shutil.rmtree(self.profile, ignore_errors=True)


def postgres_bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: run scripts/system-deps.sh "
            "(apt-get install postgresql)"
        )
    return Path(found[-1]).parent


class PostgreSQLServer(Layer):
    """A throw-away PostgreSQL cluster on 127.0.0.1 and a free port.

    Exposes ``dsn`` (libpq string for the ``collab`` database) and ``psql``
    (a function running SQL as the superuser). PostgreSQL refuses to run as
    root, so as root the cluster belongs to the ``postgres`` system user.
    """

    defaultBases = ()

    def _run(self, *args, **kw):
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)

    def setUp(self):
        bindir = postgres_bindir()
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-pg-"))
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        self.datadir = self.tmp / "data"
        self.port = free_port()
        self._run(
            bindir / "initdb",
            "-D",
            self.datadir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        )
        self._run(
            bindir / "pg_ctl",
            "-D",
            self.datadir,
            "-l",
            self.tmp / "server.log",
            "-w",
            "-t",
            "60",
            "start",
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.tmp} -c fsync=off",
        )
        self.psql = lambda sql, db="postgres": (
            self._run(
                bindir / "psql",
                "-h",
                "127.0.0.1",
                "-p",
                self.port,
                "-U",
                "postgres",
                "-d",
                db,
                "-v",
                "ON_ERROR_STOP=1",
                "-Atc",
                sql,
            ).stdout
        )
        self.psql("CREATE USER collab PASSWORD 'collab'")
        self.psql("CREATE DATABASE collab OWNER collab")
        self["dsn"] = (
            f"dbname='collab' host='127.0.0.1' port='{self.port}' "
            "user='collab' password='collab'"
        )
        self["psql"] = self.psql
        self.bindir = bindir

    def tearDown(self):
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            del self["dsn"]
            del self["psql"]


class BuildoutCache(Layer):
    """A place for the buildout test: its own pip/egg cache kept between
    runs in ``~/.cache/collab-portal-buildout`` so a second run is quick."""

    defaultBases = ()

    def setUp(self):
        cache = Path(
            os.environ.get(
                "COLLAB_BUILDOUT_CACHE",
                Path.home() / ".cache" / "collab-portal-buildout",
            )
        )
        (cache / "eggs").mkdir(parents=True, exist_ok=True)
        (cache / "downloads").mkdir(parents=True, exist_ok=True)
        self["buildout_cache"] = cache
        self["started"] = time.monotonic()

    def tearDown(self):
        del self["buildout_cache"]
        del self["started"]


class RelStorageCluster(Layer):
    """Two ``runwsgi`` instances, ``a`` and ``b``, serving one site on the
    PostgreSQL of the base layer; ``self.layer['urls']`` maps name to the
    site URL, ``self.layer['cluster_dir']`` holds their configuration."""

    defaultBases = ()

    def _cli(self, *args):
        run_cli(*args, env=self.env, timeout=600)

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-relstorage-"))
        self.env = dict(os.environ, zope_i18n_compile_mo_files="true")
        self.processes = []
        self.logs = []
        urls = {}
        for name in ("a", "b"):
            port = free_port()
            self._cli(
                "instance",
                "--directory",
                self.tmp / name,
                "--var",
                self.tmp / "var",
                "--storage",
                "postgres",
                "--dsn",
                self["dsn"],
                "--name",
                name,
                "--host",
                "localhost",
                "--port",
                port,
            )
            urls[name] = f"http://localhost:{port}/Plone"
        self._cli(
            "create-site",
            "--zope-conf",
            self.tmp / "a" / "etc" / "zope.conf",
            "--id",
            "Plone",
            "--admin",
            "admin:admin",
            "--no-demo",
        )
        bindir = Path(sys.executable).parent
        try:
            for name in urls:
                # The process keeps writing after this method returns.
                log = open(self.tmp / f"{name}.out", "w")  # noqa: SIM115
                self.logs.append(log)
                self.processes.append(
                    subprocess.Popen(
                        [
                            str(bindir / "runwsgi"),
                            str(self.tmp / name / "etc" / "zope.ini"),
                        ],
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        env=self.env,
                    )
                )
            for name, url in urls.items():
                self._wait_for(url, name)
        except Exception:
            self.tearDown()
            raise
        self["urls"] = urls
        self["cluster_dir"] = self.tmp

    def _wait_for(self, url, name):
        import requests

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=5).status_code < 500:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.5)
        raise RuntimeError((self.tmp / f"{name}.out").read_text()[-3000:])

    def tearDown(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        for key in ("urls", "cluster_dir"):
            if key in self:
                del self[key]


class Mailbox:
    """What the test SMTP server received: ``(mail_from, rcpt_tos,
    message)`` triples, ``message`` parsed with the modern e-mail policy;
    ``peers``: the client address each came from, one per connection."""

    def __init__(self):
        import threading

        self._lock = threading.Lock()
        self._messages = []
        self._peers = []
        self.greylisted = set()
        self.answer_delay = 0  # seconds between storing and answering 250

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """An address whose local part starts with ``refused`` is refused
        for good (550), as a server refuses an unknown mailbox; one that
        starts with ``greylisted`` is told to try later (451) the first
        time, as a greylisting server does; ``busy`` every time."""
        if address.lower().startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        if address.lower().startswith("busy") or (
            address.lower().startswith("greylisted") and address not in self.greylisted
        ):
            self.greylisted.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self._lock:
            self._messages.append(
                (envelope.mail_from, list(envelope.rcpt_tos), message)
            )
            self._peers.append(session.peer)
        if self.answer_delay:  # stored, the answer not yet given
            import asyncio

            await asyncio.sleep(self.answer_delay)
        return "250 Message accepted for delivery"

    @property
    def peers(self):
        with self._lock:
            return list(self._peers)

    @property
    def messages(self):
        with self._lock:
            return list(self._messages)

    def clear(self):
        with self._lock:
            self._messages.clear()
            self._peers.clear()

    def wait_for(self, count, timeout=20):
        """Wait until ``count`` messages arrived; fail after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.05)
        raise AssertionError(
            f"{len(self.messages)} of {count} messages arrived in {timeout} s"
        )


class SMTPServer(Layer):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port.

    ``self.layer['mailbox']`` holds what it received; ``smtp_port`` is the
    port; ``smtp_server`` has ``stop()`` and ``start()`` (same port) so a
    test can take the server away and bring it back.
    """

    defaultBases = ()

    def setUp(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None
        self.start()
        self["mailbox"] = self.mailbox
        self["smtp_port"] = self.port
        self["smtp_server"] = self

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def tearDown(self):
        self.stop()
        for key in ("mailbox", "smtp_port", "smtp_server"):
            del self[key]


class StartedSite(Layer):
    """A site made exactly as ``make start`` makes it, served by ``runwsgi``.

    ``collab-portal instance`` writes the configuration (FileStorage in
    ``var/``), ``collab-portal create-site`` creates the site from the
    distribution with its real handlers and demo content, and the server
    runs in a subprocess; nothing of the test layers' own set-up is used.
    Two real SMTP servers (aiosmtpd) on loopback: ``mailboxes`` and
    ``smtp_ports``; ``url``, ``var`` and ``restart()`` for the tests.
    """

    defaultBases = ()

    def _cli(self, *args):
        run_cli(*args, env=self.env)

    def setUp(self):
        from aiosmtpd.controller import Controller

        self.tmp = Path(tempfile.mkdtemp(prefix="collab-started-"))
        # A "try later" is tried again after 2 s, not a minute (as a
        # deployment may set in zope.conf's <environment>).
        self.env = dict(
            os.environ,
            zope_i18n_compile_mo_files="true",
            COLLAB_MAIL_RETRY_FIRST_WAIT="2",
        )
        self.var = self.tmp / "var"
        self.port = free_port()
        self.process = self.log = None
        self.controllers = []
        for _ in range(2):
            controller = Controller(Mailbox(), hostname="127.0.0.1", port=free_port())
            controller.start()
            self.controllers.append(controller)
        # As `make site` does (Makefile: instance, then create-site).
        self._cli(
            "instance",
            "--directory",
            self.tmp / "instance",
            "--var",
            self.var,
            "--name",
            "instance",
            "--storage",
            "filestorage",
            "--host",
            "localhost",
            "--port",
            self.port,
        )
        for folder in ("filestorage", "blobstorage", "log", "cache"):
            (self.var / folder).mkdir(parents=True, exist_ok=True)
        self._cli(
            "create-site",
            "--zope-conf",
            self.tmp / "instance" / "etc" / "zope.conf",
            "--id",
            "Plone",
            "--languages",
            "en,es,fr",
            "--admin",
            "admin:admin",
            "--if-missing",
        )
        self["url"] = f"http://localhost:{self.port}/Plone"
        self["var"] = self.var
        self["mailboxes"] = [controller.handler for controller in self.controllers]
        self["smtp_ports"] = [controller.port for controller in self.controllers]
        self["restart"] = self.restart
        try:
            self.start()
        except Exception:
            self.tearDown()
            raise

    def start(self):
        import requests

        bindir = Path(sys.executable).parent
        # The process keeps writing after this method returns.
        self.log = open(self.tmp / "server.out", "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(bindir / "runwsgi"), str(self.tmp / "instance" / "etc" / "zope.ini")],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=self.env,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(self["url"], timeout=5).status_code < 500:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.5)
        raise RuntimeError((self.tmp / "server.out").read_text()[-3000:])

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def restart(self, between=None):
        """Stop the server, call ``between()`` if given, start it again."""
        self.stop()
        if between is not None:
            between()
        self.start()

    def tearDown(self):
        self.stop()
        for controller in self.controllers:
            controller.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)
        for key in ("url", "var", "mailboxes", "smtp_ports", "restart"):
            if key in self:
                del self[key]
