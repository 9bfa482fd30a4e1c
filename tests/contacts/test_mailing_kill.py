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
import os
import signal
import threading
import time
import unittest


COUNT = 250  # three batches of 100


def messages_in(folder):
    return [name for name in os.listdir(folder) if not name.startswith(".")]


class TestKilledWhileWriting(unittest.TestCase):
    layer = STARTED_SITE

    def test_kill_9_during_a_batch_then_resume(self):
        http = session(self.layer["url"])
        queue = Path(self.layer["var"]) / "mailqueue"
        mailbox = self.layer["mailboxes"][0]
        mailbox._messages.clear()
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

        # The server is back, then the queue's stale marks of its failed
        # tries are released (as the clock does ten minutes later; marks
        # removed before the server is back are made again by any try).
        set_port["smtp_port"] = self.layer["smtp_ports"][0]
        call(http, "PATCH", "@controlpanels/mail", json=set_port)
        for name in os.listdir(queue / "new"):
            if name.startswith(".sending-"):
                (queue / "new" / name).unlink()
        received = wait_for_all(mailbox, addresses)
        self.assertEqual(sorted(received), sorted(addresses))
        twice = {address: len(m) for address, m in received.items() if len(m) > 1}
        self.assertEqual(twice, {})
        call(http, "POST", "@clock")
        log = call(http, "GET", f"{mailing}/@delivery")
        self.assertEqual(log["counts"]["sent"], COUNT, log["counts"])

    def tick_quietly(self, http):
        try:
            http.post(f"{http.base}/@clock", timeout=120)
        except Exception:
            pass  # the server was killed under it
