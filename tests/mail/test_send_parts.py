"""Messages with parts beside the text (an iTIP invitation) and a From
that names the secretariat in the message's language (issue 21)."""

from collab.portal.mail import Outbox
from collab.portal.mail import queue_message
from collab.portal.mail import sender
from collab.portal.mail.send import build_message
from collab.portal.mail.send import UnsendableMessage
from collab.portal.testing import MAIL_TESTING
from email import message_from_bytes
from email import policy
from email.header import decode_header
from email.header import make_header
from mail.batch_helpers import CALENDAR
from mail.batch_helpers import ICS
from plone import api
from portal_helpers import MailTestCase
from unittest import mock
from zope.sendmail.delivery import QueuedMailDelivery
import transaction


FILES = [("agenda.txt", "text/plain", b"1. Opening")]


def decoded(header):
    return str(make_header(decode_header(header)))


def parsed(message):
    return message_from_bytes(message.as_bytes(), policy=policy.default)


class TestParts(MailTestCase):
    layer = MAIL_TESTING

    def test_alternative_parts_beside_the_text(self):
        message = parsed(build_message("Hello", alternatives=((CALENDAR, ICS),)))
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        text, calendar = message.get_payload()
        self.assertEqual(text.get_content().strip(), "Hello")
        self.assertEqual(calendar.get_content_type(), "text/calendar")
        self.assertEqual(calendar.get_param("method"), "REQUEST")
        self.assertEqual(calendar.get_content_charset(), "utf-8")

    def test_attachments_follow_the_alternatives(self):
        message = parsed(
            build_message("Hello", attachments=FILES, alternatives=((CALENDAR, ICS),))
        )
        self.assertEqual(message.get_content_type(), "multipart/mixed")
        first, attached = message.get_payload()
        self.assertEqual(first.get_content_type(), "multipart/alternative")
        self.assertEqual(attached.get_filename(), "agenda.txt")

    def test_plain_text_stays_plain(self):
        message = parsed(build_message("Hello"))
        self.assertEqual(message.get_content_type(), "text/plain")

    def test_an_alternative_must_be_text(self):
        with self.assertRaises(UnsendableMessage):
            build_message("Hello", alternatives=(("application/pdf", "%"),))


class TestSenderName(MailTestCase):
    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        api.portal.set_registry_record(
            "collab.portal.secretariat_name_translations",
            ["fr: Secrétariat de la Convention"],
        )
        self.addCleanup(transaction.abort)

    def written(self, send):
        calls = []

        def capture(delivery, fromaddr, toaddrs, message):
            calls.append(message_from_bytes(message, policy=policy.default))

        with mock.patch.object(QueuedMailDelivery, "send", capture):
            send()
        self.assertEqual(len(calls), 1)
        return calls[0]

    def test_sender_in_the_message_language(self):
        self.assertIn("Secrétariat de la Convention", decoded(sender("fr")))
        english = api.portal.get_registry_record("collab.portal.secretariat_name")
        self.assertIn(english, decoded(sender("en")))
        self.assertNotIn("Convention", decoded(sender("en")))

    def test_both_paths_name_the_secretariat_in_the_language(self):
        for send in (
            lambda: queue_message("ana@example.org", "S", "B", language="fr"),
            lambda: Outbox().queue_message("ana@example.org", "S", "B", language="fr"),
        ):
            message = self.written(send)
            self.assertIn("Secrétariat de la Convention", str(message["From"]))
        english = self.written(lambda: Outbox().queue_message("a@x.org", "S", "B"))
        self.assertNotIn("Convention", str(english["From"]))
