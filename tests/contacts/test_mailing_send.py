"""Sending a mailing for real: ``@send`` returns at once, the clock writes
the messages in batches, the SMTP server receives exactly one per
recipient, in the recipient's language, placeholders filled, with the
attachment; the delivery log follows."""

from collab.portal.contacts.delivery import delivery_log
from collab.portal.mail import batches
from contacts.mailing_helpers import add_contact
from contacts.mailing_helpers import MailingTestCase
from contacts.mailing_helpers import make_mailing
from contacts.mailing_helpers import relations
from contacts.mailing_helpers import text_of
from unittest import mock
import transaction


class TestSend(MailingTestCase):
    def test_send_returns_at_once_and_the_clock_writes(self):
        response = self.send()
        self.assertEqual(response.status_code, 202, response.text)
        self.assertEqual(response.json()["state"], "sending")
        self.assertEqual(self.delivered(0), [])
        self.clock()
        messages = self.by_recipient(self.delivered(2))
        self.assertEqual(
            set(messages), {"ana.perez@example.org", "luc.martin@example.org"}
        )

        spanish = messages["ana.perez@example.org"]
        self.assertEqual(spanish["Subject"], "Reunión para Ana")
        self.assertIn("Estimada/o Ana Pérez (Perú): ", text_of(spanish))
        self.assertIn("/@@update-details", text_of(spanish))
        # No French version: Luc gets the English one, his country in English.
        english = messages["luc.martin@example.org"]
        self.assertEqual(english["Subject"], "Meeting for Luc")
        self.assertIn("Dear  Luc Martin (, France),", text_of(english))
        for message in messages.values():
            files = [part.get_filename() for part in message.iter_attachments()]
            self.assertEqual(files, ["agenda.txt"])
            attachment = next(message.iter_attachments())
            self.assertEqual(attachment.get_content(), "1. Opening")

        # Further ticks send nothing more; the log follows up.
        self.clock()
        self.clock()
        self.assertEqual(len(self.delivered(2)), 2)
        log = self.delivery().json()
        self.assertEqual(log["state"], "sent")
        self.assertEqual(log["counts"]["sent"], 2)
        self.assertEqual(log["counts"]["total"], 2)
        self.assertEqual(
            sorted((i["email"], i["status"], i["language"]) for i in log["items"]),
            [
                ("Ana.Perez@example.org", "sent", "es"),
                ("luc.martin@example.org", "sent", "en"),
            ],
        )

    def test_batches_each_committed(self):
        for number in range(5):
            add_contact(self.directory, f"c{number}", f"c{number}@example.org")
        transaction.commit()
        contacts = [self.directory[f"c{number}"] for number in range(5)]
        self.group.members = relations(self.ana, self.luc, *contacts)
        transaction.commit()
        self.assertEqual(self.send().status_code, 202)
        commits = []
        real_commit = transaction.commit

        def counting_commit():
            commits.append(transaction.get().description)
            real_commit()

        with (
            mock.patch.object(batches, "BATCH_SIZE", 2),
            mock.patch.object(batches.transaction, "commit", counting_commit),
        ):
            self.clock()
        steps = [text for text in commits if "batch" in text]
        self.assertEqual(len(steps), 4, commits)  # 7 recipients, 2 a batch
        self.delivered(7)

    def test_refused_address_fails_with_the_answer_and_is_resent_once(self):
        add_contact(self.directory, "gone", "refused-gone@example.org")
        transaction.commit()
        self.mailing.recipient_contacts = relations(self.luc, self.directory["gone"])
        transaction.commit()
        self.send()
        self.clock()
        self.delivered(2)
        self.clock()
        log = self.delivery(status="failed").json()
        self.assertEqual(log["counts"]["failed"], 1, log)
        self.assertEqual(log["items"][0]["email"], "refused-gone@example.org")
        self.assertEqual(log["items"][0]["error"], "550 5.1.1 No such mailbox here")

        session = self.rest("secretariat")
        response = session.post(f"{session.base}/contacts/mailing/@resend-failed")
        self.assertEqual(response.status_code, 202, response.text)
        self.assertEqual(response.json()["resent"], 1)
        self.clock()
        self.delivered(2)  # the others got nothing again
        self.clock()
        log = self.delivery(status="failed").json()
        self.assertEqual(log["items"][0]["attempts"], 2)
        # Nothing failed: nothing is sent again.
        response = session.post(f"{session.base}/contacts/mailing/@resend-failed")
        self.assertEqual(self.delivery().json()["counts"]["sent"], 2)

    def test_test_send_to_oneself(self):
        response = self.send(test=True)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["languages"], ["en", "es"])
        messages = self.delivered(2)
        # The sender has no contact: samples that read as samples, in
        # each message's language.
        self.assertEqual(
            sorted(message["Subject"] for _f, _r, message in messages),
            ["[Test] Meeting for [Given name]", "[Test] Reunión para [Nombre]"],
        )
        english = next(m for _f, _r, m in messages if "Meeting" in m["Subject"])
        self.assertIn(
            "Dear [Salutation] [Given name] [Family name] ([Organisation], [Country]),",
            text_of(english),
        )
        recipients = {tuple(to) for _f, to, _m in messages}
        self.assertEqual(recipients, {("secretariat@example.org",)})
        # A test send is no send.
        self.assertEqual(self.delivery().json()["state"], "draft")

    def test_test_send_fills_the_senders_own_contact(self):
        add_contact(
            self.directory,
            "sara",
            "Secretariat@example.org",
            given_name="Sara",
            family_name="Okafor",
            organisation="UNEP",
            country="KE",
        )
        transaction.commit()
        self.assertEqual(self.send(test=True).status_code, 200)
        messages = {m["Subject"]: m for _f, _r, m in self.delivered(2)}
        english = messages["[Test] Meeting for Sara"]
        self.assertIn("Dear  Sara Okafor (UNEP, Kenya),", text_of(english))
        spanish = messages["[Test] Reunión para Sara"]
        self.assertIn("Estimada/o Sara Okafor (Kenia): http", text_of(spanish))
        self.assertIn("/@@update-details", text_of(spanish))
        self.assertNotIn("token=", text_of(spanish))

    def test_send_at_waits(self):
        from datetime import datetime
        from datetime import timedelta

        self.mailing.send_at = datetime.now() + timedelta(hours=2)
        transaction.commit()
        self.assertEqual(self.send().json()["state"], "scheduled")
        self.clock()
        self.assertEqual(self.delivered(0), [])
        self.mailing.send_at = datetime.now() - timedelta(minutes=1)
        transaction.commit()
        self.clock()
        self.delivered(2)

    def test_bad_input_changes_nothing(self):
        empty = make_mailing(self.directory, id="empty")
        transaction.commit()
        response = self.send(path="contacts/empty")
        self.assertEqual(response.status_code, 400)
        self.assertIn("at least one contact group", response.json()["message"])
        self.assertIsNone(delivery_log(empty))

        response = self.send(test="yes")
        self.assertEqual(response.status_code, 400)
        session = self.rest("secretariat", language="es")
        response = session.post(
            f"{session.base}/contacts/mailing/@send",
            data="[1]",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("JSON", response.json()["message"])
        self.assertEqual(self.delivery(b_size="x").status_code, 400)
        self.assertEqual(self.delivery(status="lost").status_code, 400)
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))

        self.assertEqual(self.send().status_code, 202)
        response = self.send()
        self.assertEqual(response.status_code, 409)
        self.assertIn("already been sent", response.json()["message"])
        self.clock()
        self.delivered(2)
