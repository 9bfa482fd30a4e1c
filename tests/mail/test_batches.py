"""``mail.batches`` sends for any feature: a recipients adapter and a
compose callable are all it asks (issue 21, section 2). Here a sending
that is not a mailing (guests, an invitation with its iTIP part) goes out
once per recipient, its refusals are recorded with the server's answer
and resent once; the From names the secretariat in the message's
language."""

from collab.portal.mail import batches
from collab.portal.mail.delivery import counts
from collab.portal.mail.delivery import delivery_log
from collab.portal.mail.delivery import SENT
from collab.portal.testing import MAIL_TESTING
from datetime import datetime
from datetime import UTC
from mail.batch_helpers import CALENDAR
from mail.batch_helpers import Guest
from mail.batch_helpers import Guests
from mail.batch_helpers import invitation
from mail.batch_helpers import LOG_KEY
from plone import api
from portal_helpers import MailTestCase
import time
import transaction


GUESTS = [
    Guest("ana@example.org", "Ana"),
    Guest("refused-luc@example.org", "Luc", "en"),
]


class TestBatches(MailTestCase):
    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        with api.env.adopt_roles(["Manager"]):
            self.host = api.content.create(
                container=self.portal, type="Document", id="meeting", title="Meeting"
            )
        api.portal.set_registry_record(
            "collab.portal.secretariat_name_translations",
            ["fr: Secrétariat de la Convention"],
        )
        self.addCleanup(self.remove_host)
        transaction.commit()
        self.recipients = Guests(GUESTS)

    def remove_host(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.host)
        api.portal.set_registry_record(
            "collab.portal.secretariat_name_translations", []
        )
        transaction.commit()

    def write(self, log):
        return batches.write_batches(
            log, self.recipients, invitation, str.lower, "test invitations"
        )

    def settle(self, log, received):
        self.mailbox.wait_for(received)
        self.wait_for_empty_queue()
        time.sleep(0.2)
        return batches.follow_up(log, self.queue)

    def test_any_feature_sends_through_the_batches(self):
        log = delivery_log(self.host, LOG_KEY, create=True)
        self.assertEqual(batches.start(log, "admin", datetime.now(UTC)), "sending")
        transaction.commit()
        self.assertEqual(self.write(log), 2)
        self.assertEqual(log.state, SENT)
        changed, settled = self.settle(log, 1)
        self.assertEqual((changed, settled), (2, True))
        found = counts(log)
        self.assertEqual((found["sent"], found["failed"]), (1, 1), found)
        refused = log.records["refused-luc@example.org"]
        self.assertEqual(refused.error, "550 5.1.1 No such mailbox here")

        # Exactly once: another run writes nothing.
        self.assertTrue(batches.due(log, datetime.now(UTC)) is False)
        self.assertEqual(len(self.mailbox.messages), 1)

        # The refused one, and only it, gets a new attempt.
        self.assertEqual(batches.resend_failed(log), 1)
        transaction.commit()
        self.assertTrue(batches.due(log, datetime.now(UTC)))
        self.assertEqual(self.write(log), 1)
        self.assertEqual(refused.attempts, 2)
        self.assertEqual(log.records["ana@example.org"].attempts, 1)

    def test_the_invitation_carries_its_calendar_part(self):
        log = delivery_log(self.host, LOG_KEY, create=True)
        batches.start(log, "admin", datetime.now(UTC))
        transaction.commit()
        self.write(log)
        mail_from, rcpt_tos, message = self.mailbox.wait_for(1)[0]
        self.assertEqual(rcpt_tos, ["ana@example.org"])
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        text, calendar = message.get_payload()
        self.assertEqual(text.get_content_type(), "text/plain")
        self.assertIn("you are invited", text.get_content())
        self.assertEqual(calendar.get_content_type(), "text/calendar")
        self.assertEqual(calendar.get_param("method"), "REQUEST")
        self.assertIn("SUMMARY:Réunion", calendar.get_content())
        self.assertIn("Secrétariat de la Convention", str(message["From"]))
        self.assertEqual(log.records["ana@example.org"].language, "fr")
        self.assertEqual(CALENDAR.split(";")[0], calendar.get_content_type())
