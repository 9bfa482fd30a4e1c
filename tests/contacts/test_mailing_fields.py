"""A mailing's fields refuse, on the edit form and over REST, what would
make it never finish or mail something wrong (issue 23, items 6, 12, 22,
23 and the attachment cap): groups and contacts checked by type,
relations given as objects without ``@id``, a send time at the
calendar's edge, unknown or unclosed placeholders; ``@send`` and the page
refuse a mailing nobody would receive or whose attachments are too
large; a scheduled mailing's message says when it will be sent."""

from collab.portal.contacts import mailings
from collab.portal.contacts.delivery import delivery_log
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.mailing_helpers import make_mailing
from contacts.mailing_helpers import relations
from datetime import datetime
from datetime import timedelta
from plone import api
from portal_helpers import assert_page
from portal_helpers import page_browser
from portal_helpers import rest_session
from unittest import mock
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import transaction
import unittest


class TestMailingFields(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)
        with api.env.adopt_roles(["Manager"]):
            self.group = api.content.create(
                self.directory, "ContactGroup", id="wg", title="WG", kind="other"
            )
            self.empty = api.content.create(
                self.directory, "ContactGroup", id="none", title="None", kind="other"
            )
            self.document = api.content.create(
                self.portal, "Document", id="doc", title="Doc"
            )
        self.group.members = relations(self.ana, self.luc)
        self.mailing = make_mailing(self.directory, [self.group])
        transaction.commit()
        self.session = rest_session(self.portal.absolute_url(), "secretariat")

    def patch(self, **body):
        return self.session.patch(self.mailing.absolute_url(), json=body)

    def browser(self, language="en"):
        return page_browser(self.layer["app"], "secretariat", language)

    def test_rest_recipients_checked_by_type(self):
        for field, value in (
            ("recipient_groups", [self.document.UID()]),
            ("recipient_groups", [self.luc.UID()]),
            ("recipient_groups", [{}]),
            ("recipient_groups", [{"@id": 3.5}]),
            ("recipient_contacts", [self.group.UID()]),
        ):
            with self.subTest(field=field, value=value):
                response = self.patch(**{field: value})
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn("message", response.json())
        self.assertIn("not one", self.patch(recipient_groups=[self.luc.UID()]).text)
        transaction.begin()
        self.assertEqual(
            [r.to_object for r in self.mailing.recipient_groups], [self.group]
        )
        self.assertEqual(
            self.patch(recipient_contacts=[self.luc.UID()]).status_code, 204
        )

    def test_edit_form_refuses_a_contact_among_groups(self):
        browser = self.browser()
        browser.open(f"{self.mailing.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.recipient_groups").value = self.luc.UID()
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "Choose contact groups here", "form.widgets.body")
        transaction.begin()
        self.assertEqual(
            [r.to_object for r in self.mailing.recipient_groups], [self.group]
        )

    def test_send_at_at_the_calendar_edge(self):
        response = self.patch(send_at="9999-12-31T23:59:59-12:00")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("between the years 2000 and 2100", response.text)
        response = self.patch(send_at=5)
        self.assertEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertIsNone(self.mailing.send_at)
        self.assertEqual(
            self.patch(send_at="2030-01-02T10:00:00+00:00").status_code, 204
        )

    def test_placeholders_checked_on_rest(self):
        response = self.patch(body="Dear {given_name}, {unknown} and {given_name.x}")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("{unknown}, {given_name.x}", response.text)
        response = self.patch(subject_es="Hola {given_name")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("{given_name", response.text)
        transaction.begin()
        self.assertEqual(self.mailing.subject_es, "Reunión para {given_name}")
        # Not placeholders: left as written.
        response = self.patch(body="{0} {{given_name}} { x } ${given_name}")
        self.assertEqual(response.status_code, 204, response.text)

    def test_placeholders_checked_on_the_page(self):
        browser = self.browser("fr")
        browser.open(f"{self.mailing.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.body").value = "Hi {given_name"
        browser.getControl(name="form.buttons.save").click()
        assert_page(self, browser, "{given_name", "form.widgets.body")
        self.assertIn("Fermez", browser.contents)
        transaction.begin()
        self.assertTrue(self.mailing.body.startswith("Dear {salutation}"))

    def test_send_refuses_a_mailing_nobody_would_receive(self):
        self.mailing.recipient_groups = relations(self.empty)
        transaction.commit()
        response = self.session.post(f"{self.mailing.absolute_url()}/@send")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("Nobody would receive", response.json()["message"])
        browser = self.browser()
        browser.open(self.mailing.absolute_url())
        browser.getControl(name="form.buttons.send").click()
        assert_page(self, browser, "Nobody would receive", "Not sent yet")
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))

    def test_send_refuses_a_mailing_whose_only_member_was_deleted(self):
        """``@send`` asks the group's kept member intids, not its contacts:
        deleting the last member must empty them, or a mailing to nobody
        would be accepted."""
        self.empty.members = relations(self.ana)
        notify(ObjectModifiedEvent(self.empty))
        self.mailing.recipient_groups = relations(self.empty)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.ana, check_linkintegrity=False)
        transaction.commit()
        response = self.session.post(f"{self.mailing.absolute_url()}/@send")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("Nobody would receive", response.json()["message"])
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))

    def test_attachments_over_the_cap_refused(self):
        with mock.patch.object(mailings, "MAX_ATTACHMENTS_MB", 0):
            for body in ({}, {"test": True}):
                response = self.session.post(
                    f"{self.mailing.absolute_url()}/@send", json=body
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn("at most 0 MB", response.json()["message"])
            browser = self.browser()
            browser.open(self.mailing.absolute_url())
            browser.getControl(name="form.buttons.send").click()
            assert_page(self, browser, "at most 0 MB", "Not sent yet")
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))

    def test_attachment_over_the_cap_refused_on_upload(self):
        file = {
            "data": "MiBJdGVtcw==",
            "encoding": "base64",
            "filename": "more.txt",
            "content-type": "text/plain",
        }
        # The secretariat adds Files to the mailings it owns; these are
        # the fixture's, so a Manager uploads.
        session = rest_session(self.portal.absolute_url(), "manager")
        with mock.patch.object(mailings, "MAX_ATTACHMENTS_MB", 0):
            response = session.post(
                self.mailing.absolute_url(),
                json={"@type": "File", "id": "more.txt", "file": file},
            )
            self.assertEqual(response.status_code, 400, response.text)
            self.assertIn("at most 0 MB", response.json()["message"])
            browser = page_browser(self.layer["app"], "manager")
            browser.open(f"{self.mailing.absolute_url()}/++add++File")
            control = browser.getControl(name="form.widgets.file")
            control.add_file(b"2. Items", "text/plain", "more.txt")
            browser.getControl(name="form.buttons.save").click()
            assert_page(self, browser, "at most 0 MB", status=400)
        transaction.begin()
        self.assertEqual(self.mailing.objectIds(), ["agenda.txt"])
        # Under the cap, the same upload is taken.
        response = session.post(
            self.mailing.absolute_url(),
            json={"@type": "File", "id": "more.txt", "file": file},
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_scheduled_mailing_says_when(self):
        self.mailing.send_at = datetime.now() + timedelta(days=2)
        transaction.commit()
        browser = self.browser()
        browser.open(self.mailing.absolute_url())
        browser.getControl(name="form.buttons.send").click()
        assert_page(self, browser, "will be sent at its send time", "Send at")
        self.assertNotIn("is being sent", browser.contents)
