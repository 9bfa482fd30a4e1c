"""The address list reads the catalog (issue 12): it finds its members by
the intids the group keeps, wakes no contact and no relation, follows an
edit at once (no cache to go stale), and leaves out a deleted member."""

from collab.portal.contacts.address_list import address_rows
from collab.portal.contacts.address_list import AddressList
from contacts.directory_helpers import DirectoryTestCase
from plone import api
from portal_helpers import assert_page
import transaction


class TestAddressListFromCatalog(DirectoryTestCase):
    def test_rows_wake_no_contact_and_no_relation(self):
        transaction.commit()
        self.portal._p_jar.cacheMinimize()
        rows = address_rows(self.wg, language="en")
        self.assertEqual(
            [row["name"] for row in rows], ["Luc Martin", "Ana Pérez", "Chen Wei"]
        )
        self.assertEqual(rows[1]["role"], "Chair")
        self.assertEqual(rows[1]["country_name"], "Peru")
        for contact in (self.ana, self.luc, self.chen):
            # A ghost: the row came from the brain, not the object.
            self.assertIsNone(contact._p_changed)
        for relation in self.wg.members:
            self.assertIsNone(relation._p_changed)
        self.assertEqual(rows[1]["@id"], self.ana.absolute_url())

    def test_a_slice_builds_its_rows_only(self):
        members = AddressList(self.wg, sort_on="email", reverse=True, language="en")
        self.assertEqual(len(members), 3)
        self.assertEqual(
            [row["email"] for row in members.rows(1, 2)], ["chen.wei@example.org"]
        )
        self.assertEqual(len(AddressList(self.wg, country="CN")), 1)
        self.assertEqual(len(AddressList(self.wg, country="NG")), 0)

    def test_countries_of_the_members(self):
        self.assertEqual(
            AddressList(self.wg, country="FR", language="es").countries(),
            [("CN", "China"), ("FR", "Francia"), ("PE", "Perú")],
        )
        observers = AddressList(self.observers, language="en")
        self.assertEqual(observers.countries(), [("NG", "Nigeria")])

    def test_countries_sort_by_their_name_in_the_readers_language(self):
        with api.env.adopt_roles(["Manager"]):
            self.chen.country = "DE"
            self.chen.reindexObject()
        in_english = AddressList(self.wg, sort_on="country", language="en")
        # By code it would be DE, FR, PE: Germany before France.
        self.assertEqual(
            [row["country_name"] for row in in_english.rows()],
            ["France", "Germany", "Peru"],
        )
        in_spanish = AddressList(self.wg, sort_on="country", language="es")
        self.assertEqual(
            [row["name"] for row in in_spanish.rows()],
            ["Chen Wei", "Luc Martin", "Ana Pérez"],
        )
        self.assertEqual(in_spanish.countries()[0], ("DE", "Alemania"))

    def test_an_edit_shows_at_once_and_a_rollback_does_not(self):
        with api.env.adopt_roles(["Manager"]):
            self.luc.organisation = "Zeta données"
            self.luc.reindexObject()
            rows = address_rows(self.wg, sort_on="organisation", language="en")
            self.assertEqual(rows[-1]["organisation"], "Zeta données")
        transaction.abort()
        rows = address_rows(self.wg, sort_on="organisation", language="en")
        self.assertNotIn("Zeta données", [row["organisation"] for row in rows])

    def test_rows_are_copies_of_the_metadata(self):
        address_rows(self.wg, language="en")[0]["email"] = "changed@example.org"
        self.assertEqual(
            address_rows(self.wg, language="en")[0]["email"],
            "luc.martin@example.org",
        )

    def test_deleted_member_is_left_out(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.luc, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(len(self.wg.member_intids), 2)
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Members: 2.", "Ana Pérez", "Chen Wei")
        self.assertNotIn("Luc Martin", page)
