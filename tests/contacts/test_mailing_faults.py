"""Faults while a mailing is sent, in process: the SMTP server down, a
batch whose commit fails (as a ConflictError with a second instance
does), a process that died between the database commit and the move of
its messages out of the queue's ``tmp/``. Each: 0 lost, 0 duplicated."""

from collab.portal.contacts.delivery import delivery_log
from collab.portal.mail import batches
from collab.portal.mail import handover
from collab.portal.mail.handover import outage
from contacts.mailing_helpers import add_contact
from contacts.mailing_helpers import MailingTestCase
from contacts.mailing_helpers import relations
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from portal_helpers import assert_page
from portal_helpers import queued
from portal_helpers import wait_for_no_courier
from unittest import mock
from ZODB.POSException import ConflictError
import os
import time
import transaction


class TestMailingFaults(MailingTestCase):
    def add_contacts(self, count):
        contacts = [
            add_contact(self.directory, f"c{n}", f"c{n}@example.org")
            for n in range(count)
        ]
        self.group.members = relations(self.ana, self.luc, *contacts)
        transaction.commit()

    def test_smtp_down_messages_wait_and_go_once(self):
        """Nothing stays claimed while the server is away (no wait for the
        clock's release); the page, Site Setup and REST say since when it
        cannot be reached; the mail goes once it is back, within a minute,
        and the counts follow without a tick."""
        server = self.layer["smtp_server"]
        server.stop()
        try:
            self.assertEqual(self.send().status_code, 202)
            self.clock()
            self.assertEqual(len(queued(self.queue)), 2)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not outage(self.queue):
                time.sleep(0.05)
            self.assertTrue(outage(self.queue))
            self.clock()
            log = self.delivery().json()
            self.assertEqual(log["counts"]["queued"], 2, log)
            self.assertEqual(log["state"], "written")
            self.assertFalse(log["mail_server"]["reachable"])
            self.assertTrue(log["mail_server"]["since"].endswith("Z"))
            new = os.listdir(os.path.join(self.queue, "new"))
            self.assertFalse([n for n in new if n.startswith(".sending-")], new)
            browser = self.browser("secretariat")
            browser.open(self.mailing.absolute_url())
            assert_page(
                self,
                browser,
                "Written, being delivered",
                "delivered 0 of 2, failed 0",
                "The mail server cannot be reached since",
            )
            browser = self.browser()
            owner = f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
            browser.addHeader("Authorization", f"Basic {owner}")
            browser.open(f"{self.portal.absolute_url()}/@@mail-controlpanel")
            assert_page(self, browser, "The mail server cannot be reached since")
        finally:
            server.start()
        self.delivered(2, timeout=60)
        log = self.delivery().json()  # no tick yet: the counts are live
        self.assertEqual((log["state"], log["counts"]["sent"]), ("sent", 2), log)
        self.assertIsNone(log["mail_server"])
        self.clock()
        self.assertEqual(self.delivery().json()["counts"]["sent"], 2)
        browser = self.browser("secretariat")
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "Delivered", "delivered 2 of 2, failed 0")
        self.assertNotIn("cannot be reached", browser.contents)

    def test_failed_batch_commit_sends_nothing_and_resumes(self):
        self.add_contacts(4)
        self.send()
        real_commit = transaction.commit
        calls = []

        def second_batch_conflicts():
            calls.append(1)
            if len(calls) == 3:  # recipients noted, batch 1, then batch 2
                transaction.abort()
                raise ConflictError("another instance wrote this batch")
            real_commit()

        with (
            mock.patch.object(batches, "BATCH_SIZE", 2),
            mock.patch.object(batches.transaction, "commit", second_batch_conflicts),
        ):
            self.clock()
        self.delivered(2)  # the first batch only
        transaction.begin()
        self.assertEqual(len(delivery_log(self.mailing).pending), 4)
        self.clock()
        messages = self.delivered(6)
        self.assertEqual(len({tuple(to) for _f, to, _m in messages}), 6)

    def test_committed_message_left_in_tmp_is_released_once(self):
        """The database commit went through, the process died before
        zope.sendmail moved the file from tmp/ to new/: simulated by
        moving it back while the queue thread is held."""
        from Products.MailHost.MailHost import queue_threads

        thread = queue_threads[os.path.realpath(self.queue)]
        self.send()
        # The queue thread sees an empty queue meanwhile.
        self.assertTrue(wait_for_no_courier(thread))
        with mock.patch.object(thread, "queued", return_value=set()):
            time.sleep(0.3)
            self.clock()
            new = os.path.join(self.queue, "new")
            names = [n for n in os.listdir(new) if not n.startswith(".")]
            self.assertEqual(len(names), 2)
            tmp = os.path.join(self.queue, "tmp", names[0])
            os.rename(os.path.join(new, names[0]), tmp)
            self.clock()  # releases it, marks nothing sent yet
            self.assertEqual(len(queued(self.queue)), 2)
            self.assertEqual(self.delivery().json()["counts"]["queued"], 2)
        self.delivered(2)
        self.clock()
        self.assertEqual(self.delivery().json()["counts"]["sent"], 2)

    def test_try_later_is_shown_retried_then_failed_with_the_last_answer(self):
        """A greylisted address arrives once after a retry; a mailbox that
        keeps saying 451 shows the answer while it waits, then fails with
        it on the page and over REST; the others are delivered."""
        self.mailbox.greylisted.clear()
        grey = add_contact(self.directory, "grey", "greylisted-g@example.org")
        busy = add_contact(self.directory, "busy", "busy-b@example.org")
        self.group.members = relations(self.ana, self.luc, grey, busy)
        transaction.commit()
        from Products.MailHost.MailHost import queue_threads

        # A courier still lingering from before would keep the waits it
        # started with.
        thread = queue_threads[os.path.realpath(self.queue)]
        self.assertTrue(wait_for_no_courier(thread))
        with (
            mock.patch.object(handover, "FIRST_WAIT", 0.5),
            mock.patch.object(handover, "RETRY_FOR", 60),
        ):
            self.send()
            self.clock()
            self.mailbox.wait_for(3, timeout=30)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                items = self.delivery(status="queued").json()["items"]
                if items and items[0]["error"]:
                    break
                time.sleep(0.1)
            self.assertEqual(
                [(i["email"], i["error"]) for i in items],
                [("busy-b@example.org", "451 4.7.1 Greylisted, try again later")],
            )
        with mock.patch.object(handover, "RETRY_FOR", 0.5):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                log = self.delivery().json()
                if log["counts"]["failed"]:
                    break
                time.sleep(0.2)
        self.assertEqual(log["state"], "sent", log)
        self.assertEqual(log["counts"]["sent"], 3, log["counts"])
        [failed] = [i for i in log["items"] if i["status"] == "failed"]
        self.assertEqual(failed["error"], "451 4.7.1 Greylisted, try again later")
        received = [to[0].lower() for _f, to, _m in self.mailbox.messages]
        self.assertEqual(received.count("greylisted-g@example.org"), 1)
        self.clock()
        browser = self.browser("secretariat")
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "delivered 3 of 4, failed 1", "451 4.7.1 Greylisted")
