"""Upgrade 1012 to 1013: the catalog gets the ``contact_intid``,
``contact_country`` and ``contact_organisation`` indexes and the
``address_row`` column, existing contacts are reindexed and groups keep
their members' intids, so that their address list is not empty."""

from collab.portal.contacts.address_list import address_rows
from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.upgrades.address_list_rows import INDEXES
from contacts.directory_helpers import make_groups
from portal_helpers import UpgradeTestCase


class TestAddressListRowsUpgrade(UpgradeTestCase):
    layer = FUNCTIONAL_TESTING

    def test_upgrade_adds_the_index_and_columns_and_reindexes_contacts(self):
        directory, wg, _observers = make_groups(self.portal)
        # A site of 1012: neither the indexes nor the column, and groups
        # that do not keep their members' intids.
        for index in INDEXES:
            self.catalog.delIndex(index)
        self.catalog.delColumn("address_row")
        self.assertNotIn("address_row", self.catalog.schema())
        del wg.member_intids
        self.upgrade_from("1012")
        for index in INDEXES:
            self.assertIn(index, self.catalog.indexes())
        self.assertIn("address_row", self.catalog.schema())
        self.assertEqual(len(wg.member_intids), 3)
        rows = address_rows(wg, sort_on="organisation", language="en")
        self.assertEqual(
            [row["name"] for row in rows], ["Luc Martin", "Ana Pérez", "Chen Wei"]
        )
        self.assertEqual(rows[2]["organisation"], '=HYPERLINK("http://evil.example")')
        self.assertEqual(rows[1]["role"], "Chair")
        rows = address_rows(wg, country="FR", language="en")
        self.assertEqual([row["name"] for row in rows], ["Luc Martin"])
