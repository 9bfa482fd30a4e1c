"""One clock loop per instance: a second ``scripts/clock.sh`` beside a
running one (``make start`` after ``kill -9`` of the server) exits at
once, and a new one starts after the old loop died, even by kill -9."""

from pathlib import Path
import os
import signal
import subprocess
import tempfile
import time
import unittest


ROOT = Path(__file__).resolve().parents[2]


def start_loop(pidfile):
    return subprocess.Popen(
        ["bash", "scripts/clock.sh", "http://127.0.0.1:9/Plone", "x:y", str(pidfile)],
        cwd=ROOT,
        env={**os.environ, "CLOCK_INTERVAL": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for(predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class TestOneClockLoop(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="collab-clock-")
        self.pidfile = Path(self.dir) / "instance-clock.pid"
        self.loops = []

    def tearDown(self):
        for loop in self.loops:
            try:
                os.killpg(loop.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            loop.wait()

    def loop(self):
        process = start_loop(self.pidfile)
        self.loops.append(process)
        return process

    def test_second_loop_exits_and_a_new_one_follows_a_killed_one(self):
        first = self.loop()
        self.assertTrue(wait_for(self.pidfile.exists))
        self.assertEqual(self.pidfile.read_text().strip(), str(first.pid))
        second = self.loop()
        self.assertEqual(second.wait(timeout=10), 0)
        self.assertIn(b"already runs", second.stderr.read())
        self.assertIsNone(first.poll())
        self.assertEqual(self.pidfile.read_text().strip(), str(first.pid))
        # The old loop dies hard (its child requests die with it).
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        third = self.loop()
        self.assertTrue(
            wait_for(lambda: self.pidfile.read_text().strip() == str(third.pid))
        )
        self.assertIsNone(third.poll())
