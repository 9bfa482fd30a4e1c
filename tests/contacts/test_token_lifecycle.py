"""Personal links end with what they stand for: the clock forgets links
that ended a month ago (expired or revoked), and deleting a contact
removes its links at once (the link page then refuses them)."""

from collab.portal import tokens
from collab.portal.clock import tick
from collab.portal.contacts.tasks import KEEP_ENDED_TOKENS
from collab.portal.contacts.update_links import PURPOSE
from contacts.self_update_helpers import SelfUpdateTestCase
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from portal_helpers import assert_page
import transaction


class TestTokenLifecycle(SelfUpdateTestCase):
    def test_clock_purges_links_ended_a_month_ago(self):
        now = datetime.now(UTC)
        long_ago = now - KEEP_ENDED_TOKENS - timedelta(days=2)
        uid = self.ana.UID()
        tokens.issue(PURPOSE, uid, 1, at=long_ago)  # expired a month ago
        revoked = tokens.issue(PURPOSE, uid, 90)
        record = tokens.tokens_of(PURPOSE, uid)[0]
        tokens.revoke(record.token_id, at=long_ago)
        tokens.issue(PURPOSE, uid, 1, at=now - timedelta(days=3))  # recent
        transaction.commit()
        self.assertEqual(len(tokens.tokens_of(PURPOSE, uid)), 4)
        tick(now)
        transaction.commit()
        left = tokens.tokens_of(PURPOSE, uid)
        self.assertEqual(len(left), 2)
        self.assertEqual(sorted(r.state() for r in left), ["expired", "valid"])
        # The link of the setUp still works; the purged revoked one is refused
        # as any unknown link is.
        self.assertEqual(self.post_details(phone="+41 22 917 81 39").status_code, 200)
        response = self.rest().post(
            f"{self.portal.absolute_url()}/@update-details",
            json={"contact": uid, "token": revoked, "phone": "+41 22 917 81 40"},
        )
        self.assertEqual(response.status_code, 403)
        tick(now)  # nothing left to purge
        self.assertEqual(len(tokens.tokens_of(PURPOSE, uid)), 2)

    def test_deleting_a_contact_removes_its_links(self):
        luc_link = tokens.issue(PURPOSE, self.luc.UID(), 30)
        uid = self.ana.UID()
        transaction.commit()
        browser = self.browser()
        browser.open(self.link)
        assert_page(self, browser, "Ana Pérez", 'name="organisation"')
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.ana, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(tokens.tokens_of(PURPOSE, uid), [])
        self.assertIsNone(
            tokens.token_store().by_digest.get(tokens._digest_of(self.token))
        )
        browser.open(self.link)
        self.assertEqual(browser.headers["status"].split()[0], "403")
        # Another contact's link is untouched.
        tokens.check(PURPOSE, self.luc.UID(), luc_link)
