"""The MailHost queue of a site (issue 10): an empty queue folder is made a
maildir, a queue that cannot work is reported (log, control panels) and the
comments it could not announce are announced once it works, exactly once;
a change of Site Setup -> Mail reaches the running queue thread at once."""

from collab.portal.clock import tick
from collab.portal.following.announce import mail_immediate_followers
from collab.portal.following.owed import deliver
from collab.portal.following.owed import owed
from collab.portal.mail import check_mail
from collab.portal.mail import ensure_maildir
from collab.portal.mail import is_maildir
from collab.portal.mail.keepalive import queue_thread
from collab.portal.mail.keepalive import start_queue_thread
from collab.portal.mail.keepalive import stop_queue_thread
from collab.portal.mail.startup import check_sites_at_startup
from collab.portal.testing_fixtures import free_port
from collab.portal.testing_fixtures import Mailbox
from following.helpers import body
from following.helpers import FollowingTestCase
from plone import api
from portal_helpers import queued
from types import SimpleNamespace
from zope.sendmail.maildir import Maildir
import os
import shutil
import tempfile
import time
import transaction
import unittest


class TestEnsureMaildir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_missing_and_empty_folders_become_maildirs(self):
        missing = os.path.join(self.tmp, "missing")
        empty = os.path.join(self.tmp, "empty")
        os.mkdir(empty)
        partial = os.path.join(self.tmp, "partial")
        os.makedirs(os.path.join(partial, "new"))
        for path in (missing, empty, partial):
            self.assertFalse(is_maildir(path))
            self.assertTrue(ensure_maildir(path))
            self.assertTrue(is_maildir(path))

    def test_folder_with_other_files_is_left_alone(self):
        with open(os.path.join(self.tmp, "notes.txt"), "w") as notes:
            notes.write("someone's")
        self.assertFalse(ensure_maildir(self.tmp))
        self.assertEqual(os.listdir(self.tmp), ["notes.txt"])
        self.assertFalse(ensure_maildir(""))


class MailQueueTestCase(FollowingTestCase):
    def break_queue(self):
        """An empty queue folder with a stray file: not a maildir, and not
        one this code may make it."""
        shutil.rmtree(self.queue)
        os.mkdir(self.queue)
        with open(os.path.join(self.queue, "stray"), "w") as stray:
            stray.write("x")
        self.addCleanup(ensure_maildir, self.queue)
        self.addCleanup(lambda: os.path.exists(self.stray) and os.remove(self.stray))

    @property
    def stray(self):
        return os.path.join(self.queue, "stray")

    def clock(self):
        transaction.begin()
        tick()
        transaction.commit()

    def nothing_sent(self):
        time.sleep(1)
        self.assertEqual(self.mailbox.messages, [])

    def owed_ids(self):
        transaction.begin()
        return list(owed(self.group))


class TestBrokenQueue(MailQueueTestCase):
    def test_comment_announced_once_mail_works_again(self):
        self.follow("follower")
        self.break_queue()
        self.post("Said while the queue was broken.")
        self.assertEqual(len(self.comments()), 1)
        self.nothing_sent()
        self.assertEqual(len(self.owed_ids()), 1)
        self.clock()  # still broken: nothing goes, nothing is lost
        self.nothing_sent()
        self.assertEqual(len(self.owed_ids()), 1)
        os.remove(self.stray)
        self.clock()
        ((_f, to, message),) = self.delivered(1)
        self.assertEqual(to, ["follower@example.org"])
        self.assertIn("Said while the queue was broken.", body(message))
        self.assertEqual(self.owed_ids(), [])
        self.clock()
        self.delivered(1)

    def test_queue_off_then_on(self):
        self.follow("follower")
        transaction.begin()
        self.portal.MailHost.smtp_queue = False
        transaction.commit()
        self.post("Said while the queue was off.")
        self.delivered(0)
        transaction.begin()
        self.portal.MailHost.smtp_queue = True
        transaction.commit()
        self.clock()
        ((_f, _to, message),) = self.delivered(1)
        self.assertIn("Said while the queue was off.", body(message))

    def test_empty_folder_of_an_earlier_release_is_repaired(self):
        self.follow("follower")
        shutil.rmtree(self.queue)
        os.mkdir(self.queue)  # as the distribution made it up to 1005
        self.post("Said into an empty queue folder.")
        ((_f, _to, message),) = self.delivered(1)
        self.assertIn("Said into an empty queue folder.", body(message))
        self.assertEqual(self.owed_ids(), [])

    def test_asking_changes_nothing_the_clock_repairs(self):
        shutil.rmtree(self.queue)
        os.mkdir(self.queue)
        transaction.begin()
        self.assertIsNone(check_mail())  # its writers complete it
        self.assertFalse(is_maildir(self.queue))
        self.clock()
        self.assertTrue(is_maildir(self.queue))

    def test_startup_completes_an_empty_folder(self):
        shutil.rmtree(self.queue)
        os.mkdir(self.queue)
        database = self.layer["app"]._p_jar.db()
        check_sites_at_startup(SimpleNamespace(database=database))
        self.assertTrue(is_maildir(self.queue))

    def test_control_panels_report_the_problem(self):
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal.absolute_url()}/@@mail-controlpanel")
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn("form.widgets.smtp_host", browser.contents)
        self.assertNotIn("collab-mail-queue-problem", browser.contents)
        self.break_queue()
        for page in ("@@mail-controlpanel", "@@collab-portal-controlpanel"):
            browser.open(f"{self.portal.absolute_url()}/{page}")
            self.assertEqual(browser.headers["status"], "200 OK")
            self.assertIn("collab-mail-queue-problem", browser.contents)
            self.assertIn("is not a maildir", browser.contents)
        browser = self.browser("member")
        browser.open(self.group.absolute_url())
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertNotIn("collab-mail-queue-problem", browser.contents)

    def test_broken_queue_logged_once(self):
        self.follow("follower")
        self.break_queue()
        with self.assertLogs("collab.portal", "INFO") as logs:
            self.post("One.")
            self.post("Two.")
        errors = [line for line in logs.output if line.startswith("ERROR")]
        self.assertEqual(len(errors), 1, logs.output)
        self.assertIn("is not a maildir", errors[0])


class TestPartialFailure(MailQueueTestCase):
    def test_followers_mailed_before_a_failure_are_not_mailed_again(self):
        for login in ("follower", "lector"):
            self.follow(login)
        self.break_queue()
        self.post("Half announced.")
        os.remove(self.stray)
        transaction.begin()
        self.assertIsNone(check_mail())
        comment = self.comments()[0]

        def fail_after_first(comment, group, skip):
            for userid in mail_immediate_followers(comment, group, skip):
                yield userid
                raise OSError("disk full")

        with self.assertRaises(OSError):
            deliver(comment, self.group, fail_after_first)
        transaction.commit()
        ((_f, first, _m),) = self.delivered(1)
        self.mailbox.clear()
        self.clock()
        ((_f, second, _m),) = self.delivered(1)
        self.assertEqual(
            sorted(first + second), ["follower@example.org", "lector@example.org"]
        )


class TestMailSettingsChange(MailQueueTestCase):
    def test_new_smtp_server_used_at_once(self):
        from aiosmtpd.controller import Controller

        second = Mailbox()
        controller = Controller(second, hostname="127.0.0.1", port=free_port())
        controller.start()
        self.addCleanup(controller.stop)
        self.follow("follower")
        self.post("To the first server.")
        self.delivered(1)
        self.mailbox.clear()
        transaction.begin()
        api.portal.set_registry_record("plone.smtp_port", controller.port)
        transaction.commit()
        self.post("To the second server.")
        ((_f, to, message),) = second.wait_for(1)
        self.assertEqual(to, ["follower@example.org"])
        self.assertIn("To the second server.", body(message))
        self.assertEqual(self.mailbox.messages, [])


class TestMailLeftByAnEarlierProcess(MailQueueTestCase):
    """A server restarted during an SMTP outage finds the mail its earlier
    process queued and no thread to send it: nothing new is queued to
    start one. The clock and start-up start it (issue 23)."""

    def stop_the_thread(self):
        """As a new process finds it; the layer's thread is back after."""
        stop_queue_thread(self.portal.MailHost)
        self.addCleanup(self.start_the_layers_thread)

    def start_the_layers_thread(self):
        start_queue_thread(self.portal.MailHost).interval = 0.1

    def leave_a_message(self):
        mailhost = self.portal.MailHost
        self.stop_the_thread()
        self.assertIsNone(queue_thread(mailhost))
        writer = Maildir(self.queue).newMessage()
        writer.write(
            b"X-Zope-From: secretariat@example.org\n"
            b"X-Zope-To: follower@example.org\n"
            b"From: secretariat@example.org\n"
            b"To: follower@example.org\n"
            b"Subject: Left waiting\n\n"
            b"Queued before the restart.\n"
        )
        writer.commit()
        self.nothing_sent()
        self.assertEqual(len(queued(self.queue)), 1)

    def test_the_clock_sends_it(self):
        self.leave_a_message()
        self.clock()
        ((_f, to, message),) = self.delivered(1)
        self.assertEqual(to, ["follower@example.org"])
        self.assertIn("Queued before the restart.", body(message))

    def test_start_up_sends_it(self):
        self.leave_a_message()
        database = self.layer["app"]._p_jar.db()
        check_sites_at_startup(SimpleNamespace(database=database))
        ((_f, _to, message),) = self.delivered(1)
        self.assertEqual(message["Subject"], "Left waiting")

    def test_an_empty_queue_starts_no_thread(self):
        self.stop_the_thread()
        self.clock()
        self.assertIsNone(queue_thread(self.portal.MailHost))
