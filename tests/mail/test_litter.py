"""The queue's litter (mail.outcomes.clean_litter): half-written batches in
tmp/, refused messages and marks whose message is gone go after a set age;
messages and fresh files stay; a tick reads each file's Message-Id once."""

from collab.portal.mail import outcomes
from unittest import mock
import os
import tempfile
import time
import unittest


MESSAGE = b"X-Zope-From: a@x\nX-Zope-To: b@x\nMessage-Id: <%s@x>\n\nbody\n"


class TestLitter(unittest.TestCase):
    def setUp(self):
        self.queue = tempfile.mkdtemp(prefix="litter-")
        for folder in ("new", "cur", "tmp"):
            os.mkdir(os.path.join(self.queue, folder))
        self.now = time.time()
        # A process that has been up long enough to clean tmp/.
        started = mock.patch.object(
            outcomes, "PROCESS_STARTED", self.now - outcomes.TMP_GRACE_SECONDS - 1
        )
        started.start()
        self.addCleanup(started.stop)

    def tearDown(self):
        import shutil

        shutil.rmtree(self.queue)

    def put(self, folder, name, age, content=b"x"):
        path = os.path.join(self.queue, folder, name)
        with open(path, "wb") as output:
            output.write(content)
        os.utime(path, (self.now - age, self.now - age))
        return path

    def left(self):
        return sorted(
            f"{folder}/{name}"
            for folder in ("new", "cur", "tmp")
            for name in os.listdir(os.path.join(self.queue, folder))
        )

    def test_old_litter_goes_the_rest_stays(self):
        day = 24 * 60 * 60
        self.put("tmp", "halfwritten-old", 3 * day)
        self.put("tmp", "being-written", 60)
        self.put("new", "waiting", 30 * day, MESSAGE % b"w")
        self.put("new", ".rejected-gone", 8 * day)
        self.put("new", ".answer-gone", 8 * day)
        self.put("new", ".rejected-recent", day)
        self.put("new", ".sending-orphan", 2 * 60 * 60)
        self.put("new", ".deferred-waiting", 2 * 60 * 60)
        self.put("new", ".handed-orphan", 60)
        removed = outcomes.clean_litter(self.queue, self.now)
        self.assertEqual(removed, 4)
        self.assertEqual(
            self.left(),
            [
                "new/.deferred-waiting",
                "new/.handed-orphan",
                "new/.rejected-recent",
                "new/waiting",
                "tmp/being-written",
            ],
        )

    def test_tmp_kept_in_a_process_s_first_minutes(self):
        """An instance down for days starts again: a batch committed
        before it died waits in tmp/ for the follow-up, which moves it
        out in the first ticks; it is not litter yet."""
        self.put("tmp", "committed-before-the-crash", 3 * 24 * 60 * 60)
        with mock.patch.object(outcomes, "PROCESS_STARTED", self.now - 60):
            self.assertEqual(outcomes.clean_litter(self.queue, self.now), 0)
        self.assertEqual(self.left(), ["tmp/committed-before-the-crash"])
        self.assertEqual(outcomes.clean_litter(self.queue, self.now), 1)

    def test_each_file_is_read_once_across_ticks(self):
        for number in range(20):
            self.put("new", f"m{number}", 10, MESSAGE % str(number).encode())
            self.put("tmp", f"t{number}", 10, MESSAGE % f"t{number}".encode())
        reads = mock.Mock(wraps=outcomes.message_id_of)
        with mock.patch.object(outcomes, "message_id_of", reads):
            for _tick in range(5):
                self.assertEqual(len(outcomes.queue_outcomes(self.queue)), 20)
                self.assertEqual(len(outcomes.waiting_in_tmp(self.queue)), 20)
        self.assertEqual(reads.call_count, 40)
