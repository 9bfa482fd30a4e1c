"""The courier (mail.courier): the site's queue thread has the queue sent
by a process of its own, woken when a batch commits, and sends a pass
itself when the courier cannot run, so mail never stops because of it."""

from collab.portal.mail import keepalive
from collab.portal.mail import Outbox
from collab.portal.mail.keepalive import courier_line
from collab.portal.mail.keepalive import thread_of_queue
from collab.portal.testing import MAIL_TESTING
from plone import api
from portal_helpers import wait_for_no_courier
from unittest import mock
import logging
import os
import sys
import time
import transaction
import unittest


class TestCourier(unittest.TestCase):
    layer = MAIL_TESTING

    def setUp(self):
        self.mailbox = self.layer["mailbox"]
        self.mailbox.clear()
        self.mailhost = api.portal.get_tool("MailHost")
        self.thread = thread_of_queue(self.layer["mail_queue"])
        self.assertTrue(wait_for_no_courier(self.thread))

    def queue(self, *recipients):
        outbox = Outbox(self.mailhost)
        for recipient in recipients:
            self.assertTrue(outbox.queue_message(recipient, recipient, "x"))
        transaction.commit()

    def test_messages_go_out_from_another_process(self):
        seen = []
        popen = keepalive.subprocess.Popen

        def watched(*args, **kwargs):
            process = popen(*args, **kwargs)
            seen.append(process.pid)
            return process

        courier_logs = self.assertLogs("collab.portal.mail.courier", "INFO")
        popen_watched = mock.patch.object(keepalive.subprocess, "Popen", watched)
        with courier_logs as logs, popen_watched:
            self.queue("a@example.org")
            self.mailbox.wait_for(1)
        self.assertTrue(seen)
        self.assertNotIn(os.getpid(), seen)
        sent = [line for line in logs.output if "to a@example.org sent" in line]
        self.assertEqual(len(sent), 1, logs.output)

    def test_a_commit_wakes_the_thread(self):
        self.thread.interval = 60
        self.addCleanup(self.thread.wake)
        self.addCleanup(setattr, self.thread, "interval", 0.1)
        time.sleep(0.5)  # the thread is now waiting its 60 s
        start = time.monotonic()
        self.queue("woken@example.org")
        self.mailbox.wait_for(1, timeout=15)
        self.assertLess(time.monotonic() - start, 15)

    def test_an_aborted_batch_wakes_nobody_and_sends_nothing(self):
        outbox = Outbox(self.mailhost)
        outbox.queue_message("never@example.org", "never", "x")
        with mock.patch.object(self.thread, "wake") as wake:
            transaction.abort()
        wake.assert_not_called()
        time.sleep(0.5)
        self.assertEqual(self.mailbox.messages, [])

    def test_a_courier_that_cannot_start_leaves_the_pass_to_the_thread(self):
        missing = mock.patch.object(keepalive, "COURIER", ("/nonexistent/python",))
        with self.assertLogs("collab.portal", "ERROR") as logs, missing:
            self.queue("here@example.org")
            self.mailbox.wait_for(1)
        self.assertIn("could not start", logs.output[0])
        self.assertEqual(self.mailbox.messages[0][1], ["here@example.org"])

    def test_a_failing_courier_leaves_the_pass_to_the_thread(self):
        failing = (sys.executable, "-c", "import sys; sys.exit(3)")
        patched = mock.patch.object(keepalive, "COURIER", failing)
        with self.assertLogs("collab.portal", "ERROR") as logs, patched:
            self.queue("also@example.org", "too@example.org")
            self.mailbox.wait_for(2)
        self.assertIn("exit code 3", logs.output[0])
        recipients = sorted(to[0] for _f, to, _m in self.mailbox.messages)
        self.assertEqual(recipients, ["also@example.org", "too@example.org"])

    def test_released_failed_sends_wake_the_thread(self):
        from collab.portal.mail import release_failed_sends
        from datetime import datetime
        from datetime import UTC

        new = os.path.join(self.layer["mail_queue"], "new")
        mark = os.path.join(new, ".sending-stale")
        with open(mark, "w") as stale:
            stale.write("x")
        self.addCleanup(lambda: os.path.exists(mark) and os.unlink(mark))
        os.utime(mark, (0, 0))  # a failed try long ago
        with mock.patch.object(self.thread, "wake") as wake:
            self.assertEqual(release_failed_sends(datetime.now(UTC)), 1)
        wake.assert_called_once_with()
        self.assertFalse(os.path.exists(mark))


class TestCourierLines(unittest.TestCase):
    def test_levels_of_the_courier_lines(self):
        info, error = logging.INFO, logging.ERROR
        self.assertEqual(courier_line("20 Queue: sent.", error), (info, "Queue: sent."))
        self.assertEqual(courier_line("  File x", error), (error, "  File x"))
        self.assertEqual(
            courier_line("Traceback (most recent call last):", info),
            (error, "Traceback (most recent call last):"),
        )


class TestPauses(unittest.TestCase):
    """After a pass that sent nothing, the thread starts no courier for a
    pause that doubles up to ten intervals, unless new mail comes."""

    def test_pauses_double_up_to_ten_intervals(self):
        thread = keepalive.KeepAliveQueueThread(interval=3.0)
        pauses = [thread.next_pause() for _n in range(6)]
        self.assertEqual(pauses, [6.0, 12.0, 24.0, 30.0, 30.0, 30.0])

    def run_thread(self, queue, passes):
        thread = keepalive.KeepAliveQueueThread(interval=0.05)
        patches = (
            mock.patch.object(thread, "queued", lambda: set(queue)),
            mock.patch.object(thread, "send_pass", lambda: passes.append(1)),
        )
        for patch in patches:
            patch.start()
            self.addCleanup(patch.stop)
        thread.start()
        self.addCleanup(thread.join, 2)
        self.addCleanup(thread.stop)
        return thread

    def test_a_stuck_queue_is_tried_ever_less_often(self):
        passes = []
        self.run_thread({"stuck"}, passes)
        time.sleep(1.0)
        # Pauses of 0.1, 0.2, 0.4, 0.5 s: about 5 passes, not 20.
        self.assertGreaterEqual(len(passes), 2)
        self.assertLessEqual(len(passes), 6)

    def test_new_mail_is_sent_at_once_despite_the_pause(self):
        passes, queue = [], {"stuck"}
        thread = self.run_thread(queue, passes)
        time.sleep(0.5)
        before = len(passes)
        queue.add("new")
        thread.wake()
        time.sleep(0.05)
        self.assertEqual(len(passes), before + 1)
