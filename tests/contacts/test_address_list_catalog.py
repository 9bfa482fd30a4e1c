"""The address list reads its rows from the catalog (issue 12): it finds
the members' brains by the intids of the group's relations, wakes no
contact, follows an edit at once (no cache to go stale), and leaves out
a deleted member."""

from collab.portal.contacts.address_list import address_rows
from collab.portal.contacts.address_list import member_rows
from contacts.directory_helpers import DirectoryTestCase
from plone import api
from portal_helpers import assert_page
import transaction


class TestAddressListFromCatalog(DirectoryTestCase):
    def test_rows_wake_no_contact(self):
        transaction.commit()
        self.portal._p_jar.cacheMinimize()
        rows = member_rows(self.wg, "en")
        self.assertEqual(
            [row["name"] for row in rows], ["Ana Pérez", "Luc Martin", "Chen Wei"]
        )
        self.assertEqual(rows[0]["role"], "Chair")
        self.assertEqual(rows[0]["country_name"], "Peru")
        for contact in (self.ana, self.luc, self.chen):
            # A ghost: the row came from the brain, not the object.
            self.assertIsNone(contact._p_changed)
        self.assertEqual(rows[0]["@id"], self.ana.absolute_url())

    def test_an_edit_shows_at_once_and_a_rollback_does_not(self):
        with api.env.adopt_roles(["Manager"]):
            self.luc.organisation = "Bureau des données"
            self.luc.reindexObject()
            rows = address_rows(self.wg, sort_on="organisation", language="en")
            self.assertIn("Bureau des données", [row["organisation"] for row in rows])
        transaction.abort()
        rows = address_rows(self.wg, sort_on="organisation", language="en")
        self.assertNotIn("Bureau des données", [row["organisation"] for row in rows])

    def test_rows_are_copies_of_the_metadata(self):
        member_rows(self.wg, "en")[0]["email"] = "changed@example.org"
        self.assertEqual(
            member_rows(self.wg, "en")[0]["email"], "Ana.Perez@example.org"
        )

    def test_deleted_member_is_left_out(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.luc, check_linkintegrity=False)
        transaction.commit()
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Members shown: 2.", "Ana Pérez", "Chen Wei")
        self.assertNotIn("Luc Martin", page)
