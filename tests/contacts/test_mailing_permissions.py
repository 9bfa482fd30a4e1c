"""Who may see a mailing's page and delivery log, send it and send failed
ones again: the secretariat (role Secretariat), Site Administrators and
Managers; nobody else, not even members of the groups it goes to."""

from collab.portal.contacts.delivery import delivery_log
from contacts.helpers import make_site_wide_member
from contacts.helpers import SITE_WIDE_MEMBER
from contacts.mailing_helpers import MailingTestCase
from contacts.mailing_helpers import make_mailing
from plone import api
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import PASSWORD
import transaction


ALLOWED = ("secretariat", "siteadmin", "manager")
# SITE_WIDE_MEMBER: the ContactGroupMember role granted site-wide.
REFUSED = (None, "member", "groupmember", "othermember", SITE_WIDE_MEMBER, "editor")


class TestMailingPermissions(MailingTestCase):
    def setUp(self):
        super().setUp()
        # A member whose contact is in the mailing's group, and one whose
        # contact is in another group.
        for login, contact in (("groupmember", self.luc), ("othermember", None)):
            api.user.create(
                email=f"{login}@example.org",
                username=login,
                password=PASSWORD,
                roles=["Member"],
            )
            if contact is not None:
                contact.linked_user = login
        make_site_wide_member()
        transaction.commit()

    def test_rest_table(self):
        for login in REFUSED:
            with self.subTest(login=login):
                self.assertIn(self.delivery(login).status_code, (401, 403))
                self.assertIn(self.send(login).status_code, (401, 403))
                self.assertIn(self.send(login, test=True).status_code, (401, 403))
                session = self.rest(login)
                response = session.post(
                    f"{session.base}/contacts/mailing/@resend-failed"
                )
                self.assertIn(response.status_code, (401, 403))
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))
        self.assertEqual(self.delivered(0), [])

        for login in ALLOWED:
            with self.subTest(login=login):
                # See what the server committed for the last login.
                transaction.begin()
                make_mailing(self.directory, [self.group], id=f"to-{login}")
                transaction.commit()
                path = f"contacts/to-{login}"
                response = self.send(login, path=path)
                self.assertEqual(response.status_code, 202, response.text)
                response = self.delivery(login, path=path)
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["state"], "sending")
                session = self.rest(login)
                response = session.post(f"{session.base}/{path}/@resend-failed")
                self.assertEqual(response.status_code, 200, response.text)

    def test_page_table(self):
        for login in REFUSED:
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(f"{self.mailing.absolute_url()}/view")
                assert_refused_page(self, browser, login)
        for login in ALLOWED:
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(self.mailing.absolute_url())
                assert_page(self, browser, "Meeting for {given_name}", "Send")

    def test_page_sends(self):
        browser = self.browser("secretariat")
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "Not sent yet", "Focal points", "agenda.txt")
        self.assertIn("Reunión para {given_name}", browser.contents)
        browser.getControl("Send a test to me").click()
        assert_page(self, browser, "A test message in each language was sent")
        self.assertEqual(len(self.delivered(2)), 2)
        self.mailbox.clear()

        browser.getControl(name="form.buttons.send").click()
        assert_page(self, browser, "The mailing is being sent", "Being written")
        self.clock()
        self.delivered(2)
        self.clock()
        browser.open(self.mailing.absolute_url())
        contents = assert_page(self, browser, "Delivery log", "luc.martin@example.org")
        self.assertIn('<td class="delivery-sent">sent</td>', contents)
        self.assertNotIn('name="form.buttons.send"', contents)

    def test_page_post_needs_the_authenticator(self):
        browser = self.browser("secretariat")
        browser.post(self.mailing.absolute_url() + "/view", "form.buttons.send=1")
        # Refused as forged: a 403, not a 500 (which would also send
        # nothing) and not a redirect to the sent mailing.
        assert_page(self, browser, "documentFirstHeading", status=403)
        browser.open(self.mailing.absolute_url())
        assert_page(self, browser, "Not sent yet", 'name="form.buttons.send"')
        transaction.begin()
        self.assertIsNone(delivery_log(self.mailing))
