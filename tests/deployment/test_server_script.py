"""``make start`` and ``make status`` (scripts/server.sh) look at the server
and its clock loop each on its own: a clock loop that died is started
again beside a running server, ``status`` names what is missing, and a
server killed but not yet reaped (a zombie) does not count as running."""

from pathlib import Path
import os
import signal
import subprocess
import tempfile
import time
import unittest


ROOT = Path(__file__).resolve().parents[2]
URL = "http://127.0.0.1:9/Plone"  # nothing answers: the loop goes on


def server_sh(*args, pidfile):
    return subprocess.run(
        ["bash", "scripts/server.sh", args[0], "unused.ini", str(pidfile), *args[1:]],
        cwd=ROOT,
        env={**os.environ, "CLOCK_INTERVAL": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )


class TestServerAndClock(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="collab-server-"))
        self.pidfile = self.dir / "instance.pid"
        self.clockpid = self.dir / "instance-clock.pid"
        self.server = subprocess.Popen(["sleep", "60"])  # stands for runwsgi
        self.addCleanup(self.server.wait)
        self.addCleanup(self.server.kill)
        self.pidfile.write_text(str(self.server.pid))
        self.addCleanup(self.stop_clock)

    def stop_clock(self):
        if self.clockpid.exists():
            pid = int(self.clockpid.read_text())
            subprocess.run(["pkill", "-P", str(pid)], check=False)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def test_status_names_the_missing_clock_and_start_starts_it(self):
        status = server_sh("status", pidfile=self.pidfile)
        self.assertEqual(status.returncode, 1)
        self.assertIn(f"Server: running (pid {self.server.pid})", status.stdout)
        self.assertIn("Clock: not running.", status.stdout)

        started = server_sh("start", URL, "x:y", pidfile=self.pidfile)
        self.assertEqual(started.returncode, 0, started.stderr)
        self.assertIn("The clock loop was not running: started.", started.stdout)
        status = server_sh("status", pidfile=self.pidfile)
        self.assertEqual(status.returncode, 0, status.stdout)
        self.assertIn("Clock: running", status.stdout)

        # A loop killed hard is seen as missing and started again.
        first = int(self.clockpid.read_text())
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            status = server_sh("status", pidfile=self.pidfile)
            if "Clock: not running." in status.stdout:
                break
            time.sleep(0.2)
        self.assertIn("Clock: not running.", status.stdout)
        started = server_sh("start", URL, "x:y", pidfile=self.pidfile)
        self.assertIn("The clock loop was not running: started.", started.stdout)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if int(self.clockpid.read_text()) != first:
                break
            time.sleep(0.1)
        self.assertNotEqual(int(self.clockpid.read_text()), first)

    def test_a_killed_unreaped_server_is_not_running(self):
        zombie = subprocess.Popen(["sleep", "0"])  # never waited for: a zombie
        self.addCleanup(zombie.wait)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with open(f"/proc/{zombie.pid}/stat") as stat:
                if stat.read().split()[2] == "Z":
                    break
            time.sleep(0.05)
        self.pidfile.write_text(str(zombie.pid))
        self.assertEqual(server_sh("running", pidfile=self.pidfile).returncode, 1)
        status = server_sh("status", pidfile=self.pidfile)
        self.assertIn("Server: not running.", status.stdout)
        self.pidfile.write_text(str(self.server.pid))
        self.assertEqual(server_sh("running", pidfile=self.pidfile).returncode, 0)
