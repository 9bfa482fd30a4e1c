"""Contacts and mailings carry their derived ``title`` on REST, as every
other content does, and only the secretariat reads them."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.helpers import SECRETARIAT
from contacts.mailing_helpers import make_mailing
from portal_helpers import rest_session
import transaction
import unittest


class TestRestTitles(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)
        self.mailing = make_mailing(self.directory, contacts=[self.ana])
        transaction.commit()

    def get(self, obj, login=SECRETARIAT):
        session = rest_session(self.portal.absolute_url(), login, "en")
        return session.get(obj.absolute_url())

    def test_contact_and_mailing_have_their_title(self):
        response = self.get(self.ana)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["title"], "Ana Pérez")
        self.assertEqual(response.json()["family_name"], "Pérez")
        response = self.get(self.mailing)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["title"], "Meeting for {given_name}")
        self.assertEqual(len(response.json()["items"]), 1)

    def test_others_still_refused(self):
        for obj in (self.ana, self.mailing):
            response = self.get(obj, login="member")
            self.assertIn(response.status_code, (401, 403), response.text)
            self.assertNotIn("Pérez", response.text)
