"""The contacts types exist, are internal, and check what is typed."""

from collab.portal.content.contact import InvalidEmail
from collab.portal.content.contact import InvalidPhone
from collab.portal.content.contact import normalized_email
from collab.portal.content.contact import normalized_phone
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.helpers import SECRETARIAT
from plone import api
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory
import unittest


class TestContactTypes(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)

    def test_title_is_derived_from_the_names(self):
        self.assertEqual(self.ana.title, "Ana Pérez")
        self.assertEqual(self.ana.Title(), "Ana Pérez")
        self.ana.title = "Something else"
        self.assertEqual(self.ana.Title(), "Ana Pérez")

    def test_directory_is_internal(self):
        self.assertEqual(api.content.get_state(self.directory), "internal")
        for login, seen in (
            ("member", False),
            ("editor", False),
            (SECRETARIAT, True),
            ("siteadmin", True),
        ):
            with api.env.adopt_user(username=login):
                self.assertEqual(
                    api.user.has_permission("View", obj=self.ana), seen, login
                )

    def test_secretariat_adds_contacts_groups_and_mailings(self):
        with api.env.adopt_user(username=SECRETARIAT):
            allowed = {fti.getId() for fti in self.directory.allowedContentTypes()}
        self.assertEqual(allowed, {"Contact", "ContactGroup", "Mailing"})
        with api.env.adopt_user(username="editor"):
            self.assertEqual(self.directory.allowedContentTypes(), [])

    def test_notes_are_the_secretariats(self):
        for login, allowed in (
            ("editor", False),
            (SECRETARIAT, True),
            ("siteadmin", True),
        ):
            with api.env.adopt_user(username=login):
                self.assertEqual(
                    api.user.has_permission(
                        "collab.portal: Manage contact notes", obj=self.ana
                    ),
                    allowed,
                    login,
                )

    def test_email_and_phone_are_checked_and_normalised(self):
        self.assertEqual(
            normalized_email("Ana.Perez@Example.ORG"), "Ana.Perez@example.org"
        )
        with self.assertRaises(InvalidEmail):
            normalized_email("ana@")
        self.assertEqual(normalized_phone("+41 22 917 81 39"), "+41229178139")
        for bad in ("12", "not a number", "0041"):
            with self.assertRaises(InvalidPhone):
                normalized_phone(bad)

    def test_positions_and_kinds_vocabularies(self):
        positions = getUtility(IVocabularyFactory, "collab.portal.ContactPositions")(
            self.portal
        )
        self.assertIn("national_focal_point", positions)
        api.portal.set_registry_record(
            "collab.portal.contacts.positions", ["observer", "Observateur spécial"]
        )
        positions = getUtility(IVocabularyFactory, "collab.portal.ContactPositions")(
            self.portal
        )
        self.assertEqual(
            [t.value for t in positions], ["observer", "Observateur spécial"]
        )
        kinds = getUtility(IVocabularyFactory, "collab.portal.ContactGroupKinds")(None)
        self.assertIn("focal_points", kinds)
