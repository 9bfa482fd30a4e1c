"""Contacts provide "the contacts of a contact group" as the shared
``recipients.IGroupContacts``, which a feature that may not import
contacts (meetings) asks (issue 21)."""

from collab.portal.recipients import IGroupContacts
from contacts.mailing_helpers import MailingTestCase
from plone import api
import transaction


class TestGroupContacts(MailingTestCase):
    def test_a_group_answers_with_its_contacts(self):
        contacts = IGroupContacts(self.group)
        self.assertEqual(
            [contact.email for contact in contacts.contacts()],
            [self.ana.email, self.luc.email],
        )
        self.assertTrue(contacts.any())

    def test_an_empty_group_has_none(self):
        with api.env.adopt_roles(["Manager"]):
            empty = api.content.create(
                self.directory, "ContactGroup", id="empty", title="Empty"
            )
        transaction.commit()
        self.assertEqual(IGroupContacts(empty).contacts(), [])
        self.assertFalse(IGroupContacts(empty).any())
