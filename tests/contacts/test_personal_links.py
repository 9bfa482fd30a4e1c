"""The secretariat issues, lists and revokes personal links and reviews
the changes contacts made (page and REST), and nobody else may."""

from collab.portal import tokens
from collab.portal.contacts.self_update import changes_of
from collab.portal.contacts.update_links import PURPOSE
from contacts.helpers import SECRETARIAT
from contacts.self_update_helpers import SelfUpdateTestCase
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
import transaction


# login → may manage a contact's links and changes
TABLE = {
    None: False,
    "member": False,
    "editor": False,
    SECRETARIAT: True,
    "siteadmin": True,
    "manager": True,
}


class TestPersonalLinks(SelfUpdateTestCase):
    def test_rest_permission_table(self):
        for login, allowed in TABLE.items():
            session = self.rest(login)
            base = f"{self.ana.absolute_url()}"
            for method, endpoint, body in (
                ("get", "@tokens", None),
                ("get", "@contact-changes", None),
                ("post", "@tokens", {}),
                ("post", "@contact-changes", {"reviewed": True}),
            ):
                response = getattr(session, method)(f"{base}/{endpoint}", json=body)
                expected = (200, 201) if allowed else (401, 403)
                self.assertIn(response.status_code, expected, (login, endpoint))
        transaction.begin()
        # Only the allowed ones issued links (one each) besides setUp's.
        issued = len(tokens.tokens_of(PURPOSE, self.ana_uid))
        self.assertEqual(issued, 1 + sum(TABLE.values()))

    def test_page_permission_table(self):
        for login, allowed in TABLE.items():
            browser = self.browser(login)
            browser.open(f"{self.ana.absolute_url()}/@@personal-links")
            if allowed:
                assert_page(self, browser, "Personal links of", "Issue a new link")
            else:
                assert_refused_page(self, browser, login)

    def test_issue_list_revoke_review_over_rest(self):
        session = self.rest(SECRETARIAT)
        base = self.ana.absolute_url()
        response = session.post(f"{base}/@tokens", json={"lifetime_days": 5})
        self.assertEqual(response.status_code, 201, response.text)
        issued = response.json()
        self.assertIn("/@@update-details?contact=", issued["url"])
        listed = session.get(f"{base}/@tokens").json()
        self.assertEqual(listed["items_total"], 2)
        self.assertNotIn("token=", str(listed))
        self.assertNotIn("digest", str(listed))
        response = session.delete(f"{base}/@tokens/{issued['token_id']}")
        self.assertEqual(response.status_code, 204, response.text)
        items = session.get(f"{base}/@tokens").json()["items"]
        (revoked,) = [i for i in items if i["token_id"] == issued["token_id"]]
        self.assertEqual(revoked["state"], "revoked")
        self.assertEqual(
            [(e["action"], e["by"]) for e in revoked["audit"]],
            [("issued", SECRETARIAT), ("revoked", SECRETARIAT)],
        )
        # The contact changes something; the secretariat reviews it.
        self.assertEqual(self.post_details(phone="+33 1 44 55 66 77").status_code, 200)
        changes = session.get(f"{base}/@contact-changes?unreviewed=1").json()
        self.assertEqual([c["field"] for c in changes["items"]], ["phone"])
        self.assertEqual(changes["items"][0]["new"], "+33144556677")
        response = session.post(f"{base}/@contact-changes", json={"reviewed": True})
        self.assertEqual(response.json()["marked"], 1)
        unreviewed = session.get(f"{base}/@contact-changes?unreviewed=1").json()
        self.assertEqual(unreviewed["items_total"], 0)

    def test_bad_input_changes_nothing(self):
        session = self.rest(SECRETARIAT, language="es")
        base = self.ana.absolute_url()
        for days in (0, 731, "5", 2.5, True):
            response = session.post(f"{base}/@tokens", json={"lifetime_days": days})
            self.assertEqual(response.status_code, 400, days)
        other = tokens.tokens_of(PURPOSE, self.ana_uid)[0].token_id
        # Luc's list does not reach Ana's token, an unknown id is a 404.
        luc = self.luc.absolute_url()
        for url in (f"{luc}/@tokens/{other}", f"{base}/@tokens/nope"):
            self.assertEqual(session.delete(url).status_code, 404, url)
        self.assertEqual(session.delete(f"{base}/@tokens").status_code, 404)
        response = session.post(f"{base}/@contact-changes", json={"reviewed": "yes"})
        self.assertEqual(response.status_code, 400)
        transaction.begin()
        self.assertEqual(len(tokens.tokens_of(PURPOSE, self.ana_uid)), 1)
        self.assertEqual(tokens.tokens_of(PURPOSE, self.ana_uid)[0].state(), "valid")

    def test_page_issue_revoke_review(self):
        browser = self.browser(SECRETARIAT)
        browser.open(f"{self.ana.absolute_url()}/@@personal-links")
        browser.getControl(name="issue").click()
        assert_page(self, browser, 'id="new-link"', "@@update-details?contact=")
        self.assertEqual(len(tokens.tokens_of(PURPOSE, self.ana_uid)), 2)
        browser.getControl(name="revoke", index=0).click()
        assert_page(self, browser, "Withdrawn")
        transaction.begin()
        self.assertEqual(
            sorted(r.state() for r in tokens.tokens_of(PURPOSE, self.ana_uid)),
            ["revoked", "valid"],
        )
        self.post_details(organisation="Ministerio")
        browser.open(f"{self.ana.absolute_url()}/@@personal-links")
        assert_page(self, browser, "Ministerio", '<th scope="col"')
        browser.getControl(name="reviewed").click()
        transaction.begin()
        self.assertTrue(all(c["reviewed"] for c in changes_of(self.ana)))
