"""The batch outbox (issue 12) writes the message ``MailHost.send`` would
write, into the same queue, and only when the transaction commits."""

from collab.portal.mail import attachment_parts
from collab.portal.mail import Outbox
from collab.portal.mail import queue_message
from collab.portal.testing import MAIL_TESTING
from email import message_from_bytes
from email import policy
from plone import api
from portal_helpers import MailTestCase
from portal_helpers import queued
from unittest import mock
from zope.sendmail.delivery import QueuedMailDelivery
import re
import time
import transaction


FILES = [
    ("agenda.txt", "text/plain", b"1. Opening"),
    ("a.pdf", "application/pdf", b"%"),
]


def without_date(data):
    """The date (a second may pass) and multipart boundaries (random)."""
    data = re.sub(rb"={15}\d+==", b"=BOUNDARY=", data)
    return re.sub(rb"\r\nDate: [^\r]*", b"", data)


# Written files too: an aborted transaction must leave none in tmp/.
EVERY_FOLDER = ("new", "cur", "tmp")


class TestOutbox(MailTestCase):
    layer = MAIL_TESTING
    queue_folders = EVERY_FOLDER

    def written(self, send):
        """(sender, recipients, bytes) each path hands zope.sendmail."""
        calls = []

        def capture(delivery, fromaddr, toaddrs, message):
            calls.append((fromaddr, list(toaddrs), message))

        with mock.patch.object(QueuedMailDelivery, "send", capture):
            send()
        transaction.abort()
        self.assertEqual(len(calls), 1)
        return calls[0]

    def test_the_message_mailhost_send_writes(self):
        arguments = {
            "recipient": "Ana.Perez@Example.ORG",
            "subject": "Reunión para Ana: a subject long enough to be folded in two",
            "body": "Estimada Ana,\n\nüber alles.\n",
            "headers": {"Message-Id": "<abc.1@mailing.collab>"},
            "unsubscribe": "http://nohost/plone/@@unsubscribe?x=1",
        }
        for files in ((), FILES):
            stock = self.written(
                lambda: queue_message(**arguments, attachments=files)  # noqa: B023
            )
            ours = self.written(
                lambda: Outbox().queue_message(
                    **arguments,
                    attachments=attachment_parts(files),  # noqa: B023
                )
            )
            self.assertEqual(ours[:2], stock[:2])
            self.assertIn(b"\r\nDate: ", ours[2])
            self.assertEqual(without_date(ours[2]), without_date(stock[2]))
            if files:
                parsed = message_from_bytes(ours[2], policy=policy.default)
                names = [part.get_filename() for part in parsed.iter_attachments()]
                self.assertEqual(names, ["agenda.txt", "a.pdf"])
                self.assertEqual(parsed["Subject"], arguments["subject"])

    def test_queued_at_commit_only(self):
        outbox = Outbox()
        self.assertEqual(outbox.queue, self.queue)
        self.assertTrue(outbox.queue_message("luc@example.org", "Aborted", "No."))
        transaction.abort()
        self.assertTrue(outbox.queue_message("luc@example.org", "Kept", "Yes."))
        self.assertTrue(outbox.queue_message("ana@example.org", "Kept too", "Yes."))
        transaction.commit()
        self.mailbox.wait_for(2)
        self.wait_for_empty_queue()
        time.sleep(0.2)
        subjects = sorted(m[2]["Subject"] for m in self.mailbox.messages)
        self.assertEqual(subjects, ["Kept", "Kept too"])

    def test_nothing_without_recipient_sender_or_queue(self):
        self.assertFalse(Outbox().queue_message("", "Subject", "Body"))
        api.portal.set_registry_record("plone.email_from_address", "")
        self.assertFalse(Outbox().queue_message("a@example.org", "Subject", "Body"))
        transaction.abort()
        self.portal.MailHost.smtp_queue = False
        try:
            self.assertFalse(Outbox().queue_message("a@example.org", "S", "B"))
        finally:
            self.portal.MailHost.smtp_queue = True
        transaction.abort()
        self.assertEqual(queued(self.queue, EVERY_FOLDER), [])
