"""Issue 23, "Also found" and item 20: a new e-mail address given through
a personal link takes effect only once confirmed from that address, the
old address is told, and the answer never says whether another contact
of the directory has the address; on the page and over REST."""

from collab.portal.contacts import email_change
from collab.portal.contacts.self_update import changes_of
from contacts.email_change_helpers import EmailChangeTestCase
from contacts.self_update_helpers import link_parts
from portal_helpers import assert_page
import re


NEW = "ana.new@example.net"


class TestEmailChangePage(EmailChangeTestCase):
    def ask(self, address):
        browser = self.browser()
        browser.open(self.link)
        browser.getControl(name="email").value = address
        browser.getControl(name="save").click()
        assert_page(self, browser, "collab-update-details")
        return browser

    def test_new_address_waits_for_confirmation(self):
        browser = self.ask(NEW)
        assert_page(self, browser, "Hemos enviado un enlace", NEW)
        self.fresh()
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
        self.assertEqual(changes_of(self.ana), [])
        text = self.mails(1)[NEW]
        link = self.confirmation_link(text)
        # Opening the link (a mail scanner) changes nothing.
        browser.open(link)
        assert_page(self, browser, "collab-confirm-email", NEW, 'name="save"')
        self.assertNotIn("token=", browser.url)
        self.fresh()
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
        browser.getControl(name="save").click()
        assert_page(self, browser, "collab-confirm-email", NEW)
        self.fresh()
        self.assertEqual(self.ana.email, NEW)
        (change,) = changes_of(self.ana)
        self.assertEqual(
            (change["field"], change["old"], change["new"]),
            ("email", "Ana.Perez@example.org", NEW),
        )
        told = self.mails(1)["ana.perez@example.org"]
        self.assertIn(NEW, told)
        # One use: the confirmation link is spent.
        browser.open(link)
        assert_page(self, browser, "collab-confirm-email", status=403)

    def test_taken_address_gets_the_same_answer(self):
        free = self.ask(NEW)
        self.mails(1)
        taken = self.ask("luc.martin@EXAMPLE.org")

        def alert(browser, address):
            found = re.search(r'role="status"[^>]*>(.*?)</div>', browser.contents, re.S)
            return found.group(1).replace(address, "ADDRESS")

        self.assertEqual(alert(free, NEW), alert(taken, "luc.martin@example.org"))
        self.assertNotIn("ya tiene", taken.contents)
        text = self.mails(1)["luc.martin@example.org"]
        self.assertNotIn("@@confirm-email", text)
        self.fresh()
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
        self.assertEqual(self.luc.email, "luc.martin@example.org")
        # The earlier request for NEW was replaced: its link is withdrawn.
        self.assertIsNone(email_change.pending(self.ana))


class TestEmailChangeRest(EmailChangeTestCase):
    def post(self, path, **body):
        session = self.rest(language="fr")
        return session.post(f"{session.base}/{path}", json=body)

    def test_request_then_confirm(self):
        response = self.post(
            "@update-details", contact=self.ana_uid, token=self.token, email=NEW
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["email_pending"], NEW)
        self.assertEqual(response.json()["details"]["email"], "Ana.Perez@example.org")
        link = self.confirmation_link(self.mails(1)[NEW])
        uid, token = link_parts(link)
        # The update link's token confirms nothing.
        refused = self.post("@confirm-email", contact=uid, token=self.token)
        self.assertEqual(refused.status_code, 403, refused.text)
        response = self.post("@confirm-email", contact=uid, token=token)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["details"]["email"], NEW)
        self.assertIn("ana.perez@example.org", self.mails(1))
        again = self.post("@confirm-email", contact=uid, token=token)
        self.assertEqual(again.status_code, 403, again.text)

    def test_taken_address_same_answer(self):
        answers = []
        for address in (NEW, "luc.martin@example.org"):
            response = self.post(
                "@update-details", contact=self.ana_uid, token=self.token, email=address
            )
            self.assertEqual(response.status_code, 200, response.text)
            body = response.json()
            answers.append({**body, "email_pending": bool(body["email_pending"])})
            self.mails(1)
        self.assertEqual(answers[0], answers[1])
        self.fresh()
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
