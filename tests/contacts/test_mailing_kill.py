"""``kill -9`` of a started site (``make start``'s way: runwsgi, the
FileStorage of ``var/``) while the clock writes a mailing's messages: on
restart the clock resumes, and every recipient gets exactly one message.

The SMTP server is out of reach while the batches are written, so the
queue thread's own crash window (a message handed to the server but its
file not yet removed, zope.sendmail's at-least-once) is not what is
measured: only the batches of the mailing are."""

from collab.portal.testing import STARTED_SITE
from contacts.slow_mailing_helpers import call
from contacts.slow_mailing_helpers import clock_until_sent
from contacts.slow_mailing_helpers import make_mailing_over_rest
from contacts.slow_mailing_helpers import session
from contacts.slow_mailing_helpers import wait_for_all
from pathlib import Path
import asyncio
import os
import signal
import threading
import time
import unittest


COUNT = 250  # three batches of 100


def claims(queue):
    return [n for n in os.listdir(queue / "new") if n.startswith(".sending-")]


def messages_in(folder):
    return [name for name in os.listdir(folder) if not name.startswith(".")]


class TestKilledWhileWriting(unittest.TestCase):
    layer = STARTED_SITE

    def test_kill_9_during_a_batch_then_resume(self):
        http = session(self.layer["url"])
        queue = Path(self.layer["var"]) / "mailqueue"
        mailbox = self.layer["mailboxes"][0]
        mailbox._messages.clear()
        log_start = len((self.layer.tmp / "server.out").read_text())
        unreachable = self.layer["smtp_ports"][0] + 1
        while unreachable in self.layer["smtp_ports"]:
            unreachable += 1
        set_port = {"smtp_host": "127.0.0.1", "smtp_port": unreachable}
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        mailing, addresses = make_mailing_over_rest(http, "kill-test", COUNT)
        call(http, "POST", f"{mailing}/@send")

        # The clock writes in a thread; kill -9 once one batch is
        # committed (in new/) and the next is being written (in tmp/).
        ticking = threading.Thread(target=self.tick_quietly, args=(http,))
        ticking.start()
        deadline = time.monotonic() + 120
        killed_at = None
        while time.monotonic() < deadline:
            committed = len(messages_in(queue / "new"))
            if committed >= 100 and messages_in(queue / "tmp"):
                os.kill(self.layer.process.pid, signal.SIGKILL)
                killed_at = committed
                break
            time.sleep(0.002)
        ticking.join(60)
        self.assertIsNotNone(killed_at, "the batches ended before the kill")
        self.assertLess(killed_at, COUNT)

        self.layer["restart"]()
        http = session(self.layer["url"])
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual(log["state"], "sending")
        self.assertEqual(log["counts"]["queued"], killed_at)
        clock_until_sent(http, mailing)
        self.assertEqual(len(messages_in(queue / "new")), COUNT)

        # The tries on the unreachable port claimed nothing, and the
        # outage is noted once; the server is back: all leave within a
        # minute, with no release of the clock.
        self.assertEqual(claims(queue), [])
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertFalse(log["mail_server"]["reachable"])
        set_port["smtp_port"] = self.layer["smtp_ports"][0]
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        received = wait_for_all(mailbox, addresses, timeout=90)
        self.assertEqual(sorted(received), sorted(addresses))
        twice = {address: len(m) for address, m in received.items() if len(m) > 1}
        self.assertEqual(twice, {})
        call(http, "POST", "@clock")
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual(log["counts"]["sent"], COUNT, log["counts"])
        self.assertIsNone(log["mail_server"])
        server_log = (self.layer.tmp / "server.out").read_text()[log_start:]
        # One line per outage at most (the one before the kill may have
        # died with the instance; the outage noted in the queue is not
        # logged again after the restart), no line per message.
        self.assertLessEqual(server_log.count("cannot be reached ("), 1)
        self.assertNotIn("Error while sending mail", server_log)

    def tick_quietly(self, http):
        try:
            http.post(f"{http.base}/@clock", timeout=120)
        except Exception:
            pass  # the server was killed under it


def couriers_of(parent):
    """Pids of the courier processes the server ``parent`` runs."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"collab.portal.mail.courier" in cmdline:
            found.append(int(entry))
    return found


class TestCourierKilledWhileSending(unittest.TestCase):
    """kill -9 of the courier, again and again, while the SMTP server has
    stored a message and not yet answered 250 (it waits 20 ms there, the
    window a sender's death used to turn into a second copy): every
    address gets exactly one message, by the server's own count, and
    ``@delivery`` agrees."""

    layer = STARTED_SITE
    KILLS = 6

    def test_kill_9_of_the_courier_mid_pass_sends_each_message_once(self):
        http = session(self.layer["url"])
        queue = Path(self.layer["var"]) / "mailqueue"
        mailbox = self.layer["mailboxes"][0]
        set_port = {"smtp_host": "127.0.0.1", "smtp_port": self.layer["smtp_ports"][0]}
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        mailing, addresses = make_mailing_over_rest(http, "courier-kill", 200)
        mailbox.clear()
        mailbox.answer_delay = 0.02
        self.addCleanup(setattr, mailbox, "answer_delay", 0)
        call(http, "POST", f"{mailing}/@send")  # the writing starts at once

        kills, seen = 0, 0
        deadline = time.monotonic() + 120
        while kills < self.KILLS and time.monotonic() < deadline:
            arrived = len(mailbox.messages)
            running = couriers_of(self.layer.process.pid)
            if running and arrived >= seen + 10:
                os.kill(running[0], signal.SIGKILL)
                kills += 1
                seen = arrived
            time.sleep(0.01)
        self.assertEqual(kills, self.KILLS, f"{len(mailbox.messages)} arrived")
        self.assertLess(len(mailbox.messages), len(addresses))

        # The claims of the killed couriers are released as the clock does
        # once they are stale (ten minutes): those handed to the server
        # are finished, the others sent again.
        clock_until_sent(http, mailing)
        wait_for_settled(queue)
        stale = time.time() - 11 * 60
        claims = [p for p in (queue / "new").iterdir() if p.name.startswith(".")]
        handed = [
            p
            for p in claims
            if p.name.startswith(".handed-") and p.read_bytes() == b"1"
        ]
        self.assertTrue(handed, "no kill fell between the server's storing and 250")
        for path in claims:
            os.utime(path, (stale, stale))
        call(http, "POST", "@clock")
        received = wait_for_all(mailbox, addresses)
        self.assertEqual(sorted(received), sorted(addresses))
        twice = {address: len(m) for address, m in received.items() if len(m) > 1}
        self.assertEqual(twice, {})
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual(log["counts"]["sent"], len(addresses), log["counts"])
        self.assertEqual(log["state"], "sent")


def wait_for_settled(queue, timeout=120):
    """Until every message left in the queue is held by a dead courier's
    claim (the live ones have sent the rest)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = os.listdir(queue / "new")
        waiting = {n for n in names if not n.startswith(".")}
        claimed = {n.split("-", 1)[1] for n in names if n.startswith(".sending-")}
        if waiting <= claimed:
            return
        time.sleep(0.2)
    raise AssertionError(f"still sending: {sorted(waiting - claimed)[:5]}")


class TestGreylisted(unittest.TestCase):
    """Half the addresses greylisted (451 on their first RCPT): each is
    tried again after the wait the instance is given (2 s here) and gets
    one message; ``@delivery`` counts them all sent."""

    layer = STARTED_SITE

    def test_greylisted_addresses_each_get_one_message(self):
        http = session(self.layer["url"])
        mailbox = self.layer["mailboxes"][0]
        set_port = {"smtp_host": "127.0.0.1", "smtp_port": self.layer["smtp_ports"][0]}
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        mailing, addresses = make_mailing_over_rest(
            http, "greylisting", 20, lambda n: "greylisted" if n % 2 else "person"
        )
        mailbox.clear()
        call(http, "POST", f"{mailing}/@send")
        received = wait_for_all(mailbox, addresses, timeout=90)
        self.assertEqual(sorted(received), sorted(addresses))
        twice = {address: len(m) for address, m in received.items() if len(m) > 1}
        self.assertEqual(twice, {})
        self.assertEqual(len(mailbox.greylisted & set(addresses)), 10)
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual((log["state"], log["counts"]["sent"]), ("sent", 20), log)


class TestRestartedDuringAnOutage(unittest.TestCase):
    """The SMTP server goes away, the mailing is queued, the site is
    killed (kill -9) and started again while the server is still away;
    then the server comes back on the same address and nobody touches
    the site's settings. The waiting mail leaves on its own (start-up
    starts the queue thread for it), each message once."""

    layer = STARTED_SITE

    def test_queued_mail_leaves_after_a_restart_once_the_server_is_back(self):
        http = session(self.layer["url"])
        queue = Path(self.layer["var"]) / "mailqueue"
        controller = self.layer.controllers[0]
        mailbox = controller.handler
        set_port = {"smtp_host": "127.0.0.1", "smtp_port": controller.port}
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        mailing, addresses = make_mailing_over_rest(http, "outage-restart", 40)
        mailbox.clear()
        controller.stop()
        self.addCleanup(lambda: controller._thread or start_again(controller))
        call(http, "POST", f"{mailing}/@send")
        clock_until_sent(http, mailing)
        self.assertEqual(len(messages_in(queue / "new")), len(addresses))

        os.kill(self.layer.process.pid, signal.SIGKILL)
        self.layer.process.wait()
        self.layer["restart"]()
        start_again(controller)
        received = wait_for_all(mailbox, addresses, timeout=90)
        self.assertEqual(sorted(received), sorted(addresses))
        twice = {address: len(m) for address, m in received.items() if len(m) > 1}
        self.assertEqual(twice, {})
        http = session(self.layer["url"])
        call(http, "POST", "@clock")
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual(log["counts"]["sent"], len(addresses), log["counts"])


def start_again(controller):
    """An aiosmtpd controller stopped closes its loop: a new one, same port."""
    controller.loop = asyncio.new_event_loop()
    controller.start()
