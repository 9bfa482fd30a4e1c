"""A contact deleted between the first step (recipients noted) and the
step that writes its message: its record fails with "contact deleted",
the batch's other contacts, found by the same one catalog query, get
their message."""

from collab.portal.contacts import sending
from collab.portal.contacts.delivery import delivery_log
from contacts.mailing_helpers import MailingTestCase
from plone import api
import transaction


class TestDeletedContact(MailingTestCase):
    def test_deleted_after_noting_fails_and_the_others_are_sent(self):
        self.assertEqual(self.send().status_code, 202)
        transaction.begin()  # see what the request committed
        log = delivery_log(self.mailing)
        sending.note_recipients(self.mailing, log)
        transaction.commit()
        self.assertEqual(len(log.pending), 2)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.ana, check_linkintegrity=False)
        transaction.commit()

        self.clock()
        messages = self.by_recipient(self.delivered(1))
        self.assertEqual(set(messages), {"luc.martin@example.org"})
        records = {r.email.lower(): r for r in log.records.values()}
        self.assertEqual(records["ana.perez@example.org"].status, "failed")
        self.assertEqual(records["ana.perez@example.org"].error, "contact deleted")
        self.assertEqual(records["luc.martin@example.org"].status, "queued")
        self.assertFalse(log.pending)

    def test_contacts_by_uid_finds_a_batch_in_one_query(self):
        uids = [self.ana.UID(), self.luc.UID(), "no-such-uid"]
        found = sending.contacts_by_uid(uids)
        self.assertEqual(set(found), {self.ana.UID(), self.luc.UID()})
        self.assertEqual(found[self.luc.UID()].email, "luc.martin@example.org")
