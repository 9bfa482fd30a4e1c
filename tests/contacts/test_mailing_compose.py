"""What each recipient's message says: recipients de-duplicated by
address, the language chosen, placeholders filled by plain substitution
(nothing an editor writes is run or read as an attribute)."""

from collab.portal.contacts.mailings import compose
from collab.portal.contacts.mailings import recipients
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.mailing_helpers import add_contact
from contacts.mailing_helpers import make_mailing
from contacts.mailing_helpers import relations
from plone import api
import unittest


class TestCompose(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)
        with api.env.adopt_roles(["Manager"]):
            self.group = api.content.create(
                self.directory, "ContactGroup", id="wg", title="WG", kind="other"
            )

    def test_recipients_one_per_address_in_order(self):
        twin = add_contact(
            self.directory, "ana-twin", "ANA.PEREZ@example.org", given_name="Twin"
        )
        other = add_contact(self.directory, "other", "other@example.org")
        self.group.members = relations(self.luc, self.ana, twin)
        mailing = make_mailing(self.directory, [self.group], [other, self.luc])
        self.assertEqual(
            [contact.getId() for contact in recipients(mailing)],
            ["luc-martin", "ana-perez", "other"],
        )

    def test_language_and_english_fallback(self):
        mailing = make_mailing(self.directory, subject_fr="Pour {given_name}")
        # French subject without a French body: English for Luc.
        self.assertEqual(compose(mailing, self.luc)[:2], ("en", "Meeting for Luc"))
        mailing.body_fr = "Bonjour {given_name} ({country})"
        self.assertEqual(
            compose(mailing, self.luc),
            ("fr", "Pour Luc", "Bonjour Luc (France)"),
        )
        self.assertEqual(compose(mailing, self.ana)[0], "es")
        self.assertIn("(Perú)", compose(mailing, self.ana)[2])

    def test_no_template_engine_no_attribute_access(self):
        body = (
            "{given_name.__class__} {given_name!r} {{given_name}} {0} "
            "{{ given_name }} {% if 1 %}x{% endif %} ${given_name} "
            "<script>alert(1)</script> {unknown} {given_name}"
        )
        mailing = make_mailing(self.directory, body=body)
        self.ana.given_name = "{family_name}<b>"
        _language, _subject, text = compose(mailing, self.luc)
        self.assertEqual(
            text,
            "{given_name.__class__} {given_name!r} {Luc} {0} "
            "{{ given_name }} {% if 1 %}x{% endif %} $Luc "
            "<script>alert(1)</script> {unknown} Luc",
        )
        # A value is never filled in again.
        mailing.body_es = "Hola {given_name}"
        self.assertEqual(compose(mailing, self.ana)[2], "Hola {family_name}<b>")


class TestDemoMailing(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def test_demo_mailing_is_sent_with_its_log(self):
        from collab.portal.contacts.delivery import counts
        from collab.portal.contacts.delivery import records
        from collab.portal.contacts.delivery import state_of
        from collab.portal.contacts.demo_mailing import add_demo_mailing

        directory, ana, luc = make_directory(self.layer["portal"])
        with api.env.adopt_roles(["Manager"]):
            group = api.content.create(
                directory, "ContactGroup", id="fp", title="FP", kind="other"
            )
            group.members = relations(ana, luc)
            mailing = add_demo_mailing(directory, [group], id="another-sent")
        self.assertEqual(state_of(mailing), "sent")
        self.assertEqual(counts(mailing)["sent"], 2)
        self.assertEqual(
            sorted(record.language for record in records(mailing)), ["es", "fr"]
        )
