"""Handing a queued message to the SMTP server (mail.handover), through the
site's queue thread and a real courier process: "try later" answers are
retried with back-off then refused with the last answer, a server that
cannot be reached leaves nothing claimed and is logged once, and a
message handed over by a sender that died is never sent again."""

from collab.portal.mail import courier
from collab.portal.mail import handover
from collab.portal.mail import Outbox
from collab.portal.mail import queue_outcomes
from collab.portal.mail import release_failed_sends
from collab.portal.mail.keepalive import thread_of_queue
from collab.portal.mail.mailer import KeepAliveMailer
from collab.portal.testing import MAIL_TESTING
from datetime import datetime
from datetime import UTC
from plone import api
from portal_helpers import MailTestCase
from portal_helpers import wait_for_no_courier
from unittest import mock
from zope.sendmail.maildir import Maildir
import collections
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import transaction


def claims(queue):
    marks = (handover.SENDING, handover.HANDED)
    return [
        name
        for folder in ("new", "cur")
        for name in os.listdir(os.path.join(queue, folder))
        if name.startswith(marks)
    ]


class HandoverTestCase(MailTestCase):
    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        self.mailhost = api.portal.get_tool("MailHost")
        self.thread = thread_of_queue(self.queue)
        self.assertTrue(wait_for_no_courier(self.thread))
        self.clear_queue()  # what an earlier test may have left
        self.addCleanup(self.clear_queue)
        self.thread.pause = None
        self.mailbox.greylisted.clear()
        for name, value in (("FIRST_WAIT", 0.3), ("LONGEST_WAIT", 0.6)):
            patch = mock.patch.object(handover, name, value)
            patch.start()
            self.addCleanup(patch.stop)

    def queue_mail(self, *recipients):
        outbox = Outbox(self.mailhost)
        for recipient in recipients:
            self.assertTrue(outbox.queue_message(recipient, recipient, "x"))
        transaction.commit()

    def clear_queue(self):
        for folder in ("new", "cur"):
            directory = os.path.join(self.queue, folder)
            for name in os.listdir(directory):
                os.unlink(os.path.join(directory, name))

    def wait(self, condition, timeout=20):
        deadline = time.monotonic() + timeout
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)
        return condition()


class TestTryLater(HandoverTestCase):
    def test_greylisted_address_is_retried_and_arrives_once(self):
        with self.assertLogs("collab.portal.mail.courier", "INFO") as logs:
            self.queue_mail("greylisted-a@example.org", "plain@example.org")
            self.mailbox.wait_for(2, timeout=30)
        recipients = sorted(to[0] for _f, to, _m in self.mailbox.messages)
        self.assertEqual(recipients, ["greylisted-a@example.org", "plain@example.org"])
        self.assertTrue(any("451 4.7.1 Greylisted" in line for line in logs.output))
        time.sleep(1)
        self.assertEqual(len(self.mailbox.messages), 2)
        self.assertEqual(queue_outcomes(self.queue), {})

    def test_still_deferred_after_the_set_time_fails_with_the_last_answer(self):
        with mock.patch.object(handover, "RETRY_FOR", 1.0):
            self.queue_mail("busy@example.org")

            def refused():
                return [
                    v for v in queue_outcomes(self.queue).values() if v[0] != "queued"
                ]

            self.assertTrue(self.wait(refused, timeout=30))
        [(status, answer)] = refused()
        self.assertEqual(status, "failed")
        self.assertEqual(answer, "451 4.7.1 Greylisted, try again later")
        self.assertEqual(self.mailbox.messages, [])

    def test_deferred_message_shows_the_answer_while_it_waits(self):
        with mock.patch.object(handover, "FIRST_WAIT", 60):
            self.queue_mail("busy@example.org")

            def deferred():
                return [v for v in queue_outcomes(self.queue).values() if v[1]]

            self.assertTrue(self.wait(deferred))
        self.assertEqual(
            deferred(), [("queued", "451 4.7.1 Greylisted, try again later")]
        )
        self.assertEqual(claims(self.queue), [])

    def test_5xx_fails_at_once(self):
        self.queue_mail("refused-x@example.org")
        self.assertTrue(self.wait(lambda: queue_outcomes(self.queue)))
        self.assertTrue(self.wait(lambda: "failed" in str(queue_outcomes(self.queue))))
        [(status, answer)] = queue_outcomes(self.queue).values()
        self.assertEqual((status, answer), ("failed", "550 5.1.1 No such mailbox here"))


class TestServerAway(HandoverTestCase):
    def test_outage_claims_nothing_is_logged_once_and_ends_at_once(self):
        server = self.layer["smtp_server"]
        server.stop()
        try:
            with self.assertLogs("collab.portal.mail.courier", "INFO") as logs:
                self.queue_mail("o1@example.org", "o2@example.org", "o3@example.org")
                noted = self.wait(lambda: handover.outage(self.queue))
                time.sleep(1.5)  # passes go on meanwhile
            self.assertTrue(noted)
            since = handover.outage(self.queue)["since"]
            self.assertLess(abs(time.time() - since), 30)
            self.assertTrue(wait_for_no_courier(self.thread))
            self.assertEqual(claims(self.queue), [])
            away = [line for line in logs.output if "cannot be reached" in line]
            self.assertEqual(len(away), 1, logs.output)
            self.assertFalse([line for line in logs.output if "Traceback" in line])
        finally:
            server.start()
        with self.assertLogs("collab.portal.mail.courier", "INFO") as logs:
            start = time.monotonic()
            self.thread.wake()  # as a new message would; else within 10 intervals
            self.mailbox.wait_for(3, timeout=60)
        self.assertLess(time.monotonic() - start, 60)
        self.assertIsNone(handover.outage(self.queue))
        self.assertTrue(any("reached again" in line for line in logs.output))


class TestHandedOver(HandoverTestCase):
    def test_the_mark_is_made_between_the_data_and_its_end(self):
        """The data goes out, then the mark, then the lone dot by itself,
        straight to the socket: a sender killed before the mark has not
        sent the dot (sent again: the server, which stores a message only
        once the dot arrives, has none); one killed after it is never sent
        again."""
        mailer = KeepAliveMailer(hostname="127.0.0.1", port=self.layer["smtp_port"])
        mailer.open()
        events = []
        sock = mailer.connection.sock
        sendall = sock.sendall

        def sent_all(data):
            events.append(("socket", data))
            return sendall(data)

        def handing():
            events.append(("mark", len(self.mailbox.messages)))

        message = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: s\r\n\r\nx\r\n"
        with mock.patch.object(mailer.connection, "sock", mock.Mock(wraps=sock)):
            mailer.connection.sock.sendall = sent_all
            mailer.send("a@example.org", ["b@example.org"], message, handing=handing)
        nodelay = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        mailer.close()
        data = events.index(("socket", b"data\r\n"))
        self.assertEqual(
            events[data + 1 :],
            [("socket", message), ("mark", 0), ("socket", b".\r\n")],
        )
        self.assertEqual(len(self.mailbox.messages), 1)
        self.assertTrue(nodelay)  # the dot is not held back for an ACK

    def stale_claim(self, handed):
        """A message whose sender died holding its claim, ``handed`` or
        not to the server; the queue thread sees nothing meanwhile."""
        with mock.patch.object(self.thread, "queued", return_value=set()):
            self.assertTrue(wait_for_no_courier(self.thread))
            name = "1234.stale"
            path = os.path.join(self.queue, "new", name)
            with open(path, "wb") as message:
                message.write(
                    b"X-Zope-From: a@example.org\nX-Zope-To: c@example.org\n"
                    b"Message-Id: <stale@x>\nSubject: s\n\nx\n"
                )
            os.link(path, handover.beside(path, handover.SENDING))
            if handed:
                with open(handover.beside(path, handover.HANDED), "wb") as mark:
                    mark.write(b"1")
            old = time.time() - handover.STALE_CLAIM_SECONDS - 5
            os.utime(handover.beside(path, handover.SENDING), (old, old))
            return path, release_failed_sends(datetime.now(UTC))

    def test_a_stale_handed_claim_is_finished_not_sent_again(self):
        path, released = self.stale_claim(handed=True)
        self.assertEqual(released, 0)
        self.assertFalse(os.path.exists(path))
        self.assertEqual(claims(self.queue), [])
        time.sleep(1)
        self.assertEqual(self.mailbox.messages, [])

    def test_a_stale_claim_not_handed_is_sent_again(self):
        path, released = self.stale_claim(handed=False)
        self.assertEqual(released, 1)
        self.mailbox.wait_for(1)
        self.assertEqual(self.mailbox.messages[0][1], ["c@example.org"])

    def test_a_young_claim_of_a_dead_sender_keeps_its_age(self):
        """A pass over a message another sender claimed leaves the claim
        as old as it was: touching the message (the claim is a hard link
        to it) would keep a dead sender's claim young for ever."""
        with mock.patch.object(self.thread, "queued", return_value=set()):
            self.assertTrue(wait_for_no_courier(self.thread))
            path = os.path.join(self.queue, "new", "1234.claimed")
            with open(path, "wb") as message:
                message.write(b"X-Zope-From: a@example.org\nX-Zope-To: c@x.org\n\nx\n")
            claim = handover.beside(path, handover.SENDING)
            os.link(path, claim)
            aged = time.time() - handover.STALE_CLAIM_SECONDS + 60
            os.utime(claim, (aged, aged))

            self.assertFalse(self.thread.claim(path, time.time()))

            self.assertAlmostEqual(os.stat(claim).st_mtime, aged, delta=1)
            later = datetime.fromtimestamp(time.time() + 120, UTC)
            self.assertEqual(release_failed_sends(later), 1)


class TestCourierKilledAgainAndAgain(MailTestCase):
    """kill -9 of the courier at random moments, again and again, on a
    queue of its own, as the fault injection of issue 23 (item 24) did on
    a started site: no address gets two messages, by the SMTP server's own
    count, once the dead couriers' claims have gone stale (handed over:
    finished; not: sent again), and none is lost but in the one window
    left."""

    layer = MAIL_TESTING
    COUNT = 1000
    KILLS = 20

    def test_each_message_arrives_once(self):
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        queue = os.path.join(folder, "queue")
        maildir = Maildir(queue, create=True)
        for number in range(self.COUNT):
            message = maildir.newMessage()
            message.write(
                f"X-Zope-From: a@example.org\nX-Zope-To: k{number}@example.org\n"
                f"Message-Id: <k{number}@example.org>\nSubject: k{number}\n\n".encode()
                + b"text\n" * 40
            )
            message.commit()
        settings = courier.settings_of(
            KeepAliveMailer(hostname="127.0.0.1", port=self.layer["smtp_port"]), queue
        )
        chance = random.Random(24)
        for _kill in range(self.KILLS):
            # A fast machine sends dozens a courier: keep messages for the
            # later kills (those of dead couriers wait until stale).
            if len(self.mailbox.messages) > self.COUNT - 100:
                break
            process = self.start_courier(settings)
            self.mailbox.wait_for(len(self.mailbox.messages) + 5)
            time.sleep(chance.uniform(0, 0.02))
            process.kill()
            process.wait()
        self.assertLess(len(self.mailbox.messages), self.COUNT)

        self.start_courier(settings).wait(120)
        later = time.time() + handover.STALE_CLAIM_SECONDS + 1
        new = os.path.join(queue, "new")
        for name in os.listdir(new):
            if not name.startswith("."):
                handover.release_stale_claim(os.path.join(new, name), later)
        self.start_courier(settings).wait(120)

        self.assertEqual([n for n in os.listdir(new) if not n.startswith(".")], [])
        subjects = collections.Counter(m[2]["Subject"] for m in self.mailbox.messages)
        self.assertEqual({s: n for s, n in subjects.items() if n > 1}, {})
        # What is left: a death in the microsecond between the mark and the
        # dot (docs/architecture.md) loses that message; about one kill in
        # two hundred on a busy machine. A mark made before the data lost
        # one in twelve.
        missing = {f"k{n}" for n in range(self.COUNT)} - set(subjects)
        self.assertLessEqual(len(missing), 1, sorted(missing))

    def start_courier(self, settings):
        process = subprocess.Popen(
            [sys.executable, "-m", "collab.portal.mail.courier"],
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        process.stdin.write(json.dumps(settings).encode())
        process.stdin.close()
        return process
