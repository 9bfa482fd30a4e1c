"""What the mailing does with each recipient's address (issue 23, items 1,
7, 16): an internationalised domain leaves IDNA-encoded in the envelope
and the To header; an address stored before the fields refused it fails
alone, with its reason, and the batch's others are written; after the
contact's address is corrected, "send failed ones again" writes to the
current address and the log says which one it replaced; an attachment's
name loses what header folding would take for a line break."""

from collab.portal.contacts.delivery import delivery_log
from contacts.mailing_helpers import add_contact
from contacts.mailing_helpers import MailingTestCase
from contacts.mailing_helpers import relations
from plone import api
from plone.namedfile.file import NamedBlobFile
from portal_helpers import assert_page
import transaction


class TestMailingAddresses(MailingTestCase):
    def add_unsendable(self):
        """A contact whose address was stored before the check (the field
        setter and its constraint refuse it today)."""
        contact = add_contact(self.directory, "nu", "nu@example.org")
        contact.__dict__["email"] = "ñu@example.org"
        contact._p_changed = True
        contact.reindexObject()
        self.group.members = relations(self.ana, self.luc, contact)
        transaction.commit()
        return contact

    def test_idna_domain_sent_encoded(self):
        quin = add_contact(self.directory, "quin", "quin@xn--bcher-kva.example")
        self.assertEqual(quin.email, "quin@bücher.example")
        self.mailing.recipient_contacts = relations(quin)
        transaction.commit()
        self.assertEqual(self.send().status_code, 202)
        self.clock()
        messages = self.by_recipient(self.delivered(3))
        self.assertIn("quin@xn--bcher-kva.example", messages)
        self.assertEqual(
            messages["quin@xn--bcher-kva.example"]["To"], "quin@xn--bcher-kva.example"
        )
        self.clock()
        self.assertEqual(self.delivery().json()["counts"]["sent"], 3)

    def test_one_unsendable_address_fails_alone_then_resent_to_the_new_one(self):
        nu = self.add_unsendable()
        self.assertEqual(self.send().status_code, 202)
        self.clock()
        messages = self.by_recipient(self.delivered(2))
        self.assertEqual(
            set(messages), {"ana.perez@example.org", "luc.martin@example.org"}
        )
        self.clock()
        log = self.delivery().json()
        self.assertEqual(log["state"], "sent")
        self.assertEqual(log["counts"]["sent"], 2, log)
        failed = self.delivery(status="failed").json()["items"]
        self.assertEqual([item["email"] for item in failed], ["ñu@example.org"])
        self.assertIn("before the @ is not ASCII", failed[0]["error"])
        browser = self.browser("secretariat")
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "ñu@example.org", "before the @ is not ASCII")

        # The contact corrects the address; the resend uses it.
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            nu.email = "nu.new@example.org"
            nu.reindexObject()
        transaction.commit()
        session = self.rest("secretariat")
        response = session.post(f"{session.base}/contacts/mailing/@resend-failed")
        self.assertEqual(response.json()["resent"], 1)
        self.clock()
        self.mailbox.wait_for(3)
        self.clock()
        messages = self.by_recipient(self.delivered(3))
        self.assertIn("nu.new@example.org", messages)
        items = {item["email"]: item for item in self.delivery().json()["items"]}
        self.assertEqual(items["nu.new@example.org"]["status"], "sent")
        self.assertEqual(
            items["nu.new@example.org"]["previous_email"], "ñu@example.org"
        )
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "nu.new@example.org", "(changed from")
        self.assertIn("ñu@example.org", browser.contents)

    def test_attachment_name_with_line_breaks_is_cleaned(self):
        name = "agenda\x0bpart\x0c2\x1c\x1d\x1e\x85\u2028\u2029.txt"
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                self.mailing,
                "File",
                id="tabbed.txt",
                file=NamedBlobFile(b"2. Items", "text/plain", name),
            )
        transaction.commit()
        response = self.send(test=True)
        self.assertEqual(response.status_code, 200, response.text)
        self.delivered(2)
        self.mailbox.clear()
        self.assertEqual(self.send().status_code, 202)
        self.clock()
        for message in self.by_recipient(self.delivered(2)).values():
            names = [part.get_filename() for part in message.iter_attachments()]
            self.assertEqual(names, ["agenda.txt", "agenda part 2 .txt"])
        transaction.begin()
        self.assertFalse(delivery_log(self.mailing).pending)
