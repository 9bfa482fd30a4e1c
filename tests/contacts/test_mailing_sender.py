"""A mailing's messages come from the secretariat's name in each
message's language (issue 23 leftover, issue 21): the Spanish message
from the Spanish name, the English one from the name as entered."""

from contacts.mailing_helpers import MailingTestCase
from email.header import decode_header
from email.header import make_header
from plone import api
import transaction


SPANISH = "Secretaría de la Convención"


def sender_of(message):
    return str(make_header(decode_header(str(message["From"]))))


class TestSenderName(MailingTestCase):
    def test_each_message_names_the_secretariat_in_its_language(self):
        api.portal.set_registry_record(
            "collab.portal.secretariat_name_translations", [f"es: {SPANISH}"]
        )
        transaction.commit()
        self.assertEqual(self.send().status_code, 202)
        self.clock()
        messages = self.by_recipient(self.delivered(2))
        spanish = messages["ana.perez@example.org"]
        english = messages["luc.martin@example.org"]
        self.assertEqual(spanish["Subject"], "Reunión para Ana")
        self.assertIn(SPANISH, sender_of(spanish))
        self.assertIn("secretariat@example.org", sender_of(spanish))
        self.assertIn("secretariat@example.org", sender_of(english))
        self.assertNotIn(SPANISH, sender_of(english))

    def test_the_test_send_names_it_too(self):
        api.portal.set_registry_record(
            "collab.portal.secretariat_name_translations", [f"es: {SPANISH}"]
        )
        transaction.commit()
        session = self.rest("secretariat")
        response = session.post(
            f"{session.base}/contacts/mailing/@send", json={"test": True}
        )
        self.assertLess(response.status_code, 300, response.text)
        messages = self.delivered(2)
        names = sorted(
            (message["Subject"].startswith("[Test] Reunión"), sender_of(message))
            for _f, _to, message in messages
        )
        self.assertNotIn(SPANISH, names[0][1])
        self.assertIn(SPANISH, names[1][1])
