"""The keep-alive queue (mail.keepalive): a pass over the queue goes out on
one SMTP connection, a connection the server dropped is replaced, a
refused recipient does not spoil the next message, and the thread hangs
up when the queue is empty."""

from collab.portal.mail import Outbox
from collab.portal.mail.keepalive import is_keepalive
from collab.portal.mail.keepalive import make_mailer
from collab.portal.mail.keepalive import thread_of_queue
from collab.portal.mail.settings import sync_queue_thread
from collab.portal.testing import MAIL_TESTING
from plone import api
from portal_helpers import wait_for_no_courier
from Products.MailHost.MailHost import queue_threads
from unittest import mock
import os
import smtplib
import time
import transaction
import unittest


def raw(recipient, subject):
    return (
        f"From: secretariat@example.org\r\nTo: {recipient}\r\n"
        f"Subject: {subject}\r\n\r\nBody\r\n"
    ).encode()


class TestKeepAlive(unittest.TestCase):
    layer = MAIL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.mailbox = self.layer["mailbox"]
        self.mailbox.clear()
        self.mailhost = api.portal.get_tool("MailHost")
        self.thread = thread_of_queue(self.layer["mail_queue"])

    def mailer(self):
        mailer = make_mailer(self.mailhost)
        self.addCleanup(mailer.close)
        return mailer

    def subjects(self):
        return [message["Subject"] for _f, _t, message in self.mailbox.messages]

    def test_the_site_queue_runs_the_keepalive_thread(self):
        self.assertTrue(is_keepalive(self.thread))
        self.assertTrue(self.thread.is_alive())

    def test_a_pass_over_the_queue_uses_one_connection(self):
        # The thread sees an empty queue while all five are committed.
        self.assertTrue(wait_for_no_courier(self.thread))
        with mock.patch.object(self.thread, "queued", return_value=set()):
            outbox = Outbox(self.mailhost)
            for n in range(5):
                self.assertTrue(outbox.queue_message(f"r{n}@example.org", f"m{n}", "x"))
            transaction.commit()
            time.sleep(0.3)
            self.assertEqual(self.mailbox.messages, [])
        self.mailbox.wait_for(5)
        self.assertEqual(sorted(self.subjects()), [f"m{n}" for n in range(5)])
        self.assertEqual(len(set(self.mailbox.peers)), 1, self.mailbox.peers)

    def test_the_thread_hangs_up_when_the_queue_is_empty(self):
        outbox = Outbox(self.mailhost)
        outbox.queue_message("first@example.org", "first", "x")
        transaction.commit()
        self.mailbox.wait_for(1)
        time.sleep(0.5)  # several empty passes
        outbox = Outbox(self.mailhost)
        outbox.queue_message("second@example.org", "second", "x")
        transaction.commit()
        self.mailbox.wait_for(2)
        self.assertEqual(self.subjects(), ["first", "second"])
        peers = self.mailbox.peers
        self.assertNotEqual(peers[0], peers[1])

    def test_messages_share_the_connection_while_it_is_alive(self):
        mailer = self.mailer()
        for n in range(3):
            mailer.send("s@example.org", (f"r{n}@example.org",), raw("r", f"m{n}"))
        self.mailbox.wait_for(3)
        self.assertEqual(len(set(self.mailbox.peers)), 1)

    def test_reconnects_after_the_server_dropped_the_connection(self):
        mailer = self.mailer()
        mailer.send("s@example.org", ("a@example.org",), raw("a", "before"))
        server = self.layer["smtp_server"]
        server.stop()
        server.start()  # same port; the kept connection is gone
        mailer.send("s@example.org", ("b@example.org",), raw("b", "after"))
        self.mailbox.wait_for(2)
        self.assertEqual(self.subjects(), ["before", "after"])
        peers = self.mailbox.peers
        self.assertNotEqual(peers[0], peers[1])

    def test_server_gone_raises_and_keeps_nothing(self):
        mailer = self.mailer()
        mailer.send("s@example.org", ("a@example.org",), raw("a", "one"))
        server = self.layer["smtp_server"]
        server.stop()
        try:
            with self.assertRaises(OSError):
                mailer.send("s@example.org", ("b@example.org",), raw("b", "two"))
            self.assertIsNone(mailer.connection)
        finally:
            server.start()
        mailer.send("s@example.org", ("c@example.org",), raw("c", "three"))
        self.mailbox.wait_for(2)
        self.assertEqual(self.subjects(), ["one", "three"])

    def test_a_refused_recipient_does_not_spoil_the_next_message(self):
        mailer = self.mailer()
        mailer.send("s@example.org", ("a@example.org",), raw("a", "before"))
        with self.assertRaises(smtplib.SMTPRecipientsRefused) as refused:
            mailer.send("s@example.org", ("refused@example.org",), raw("x", "no"))
        self.assertEqual(refused.exception.recipients["refused@example.org"][0], 550)
        mailer.send("s@example.org", ("b@example.org",), raw("b", "after"))
        self.mailbox.wait_for(2)
        self.assertEqual(self.subjects(), ["before", "after"])
        self.assertEqual(len(set(self.mailbox.peers)), 1)
        self.assertEqual(
            [to for _f, to, _m in self.mailbox.messages],
            [["a@example.org"], ["b@example.org"]],
        )

    def test_the_clock_replaces_a_stock_thread(self):
        self.mailhost._stopQueueProcessorThread()
        self.mailhost._startQueueProcessorThread()  # as MailHost.send would
        key = os.path.realpath(self.layer["mail_queue"])
        self.assertFalse(is_keepalive(queue_threads[key]))
        self.assertTrue(sync_queue_thread(self.mailhost))
        self.assertTrue(is_keepalive(queue_threads[key]))
        queue_threads[key].interval = 0.1
