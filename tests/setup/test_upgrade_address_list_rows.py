"""Upgrade 1012 to 1013: the catalog gets the ``contact_intid`` index and
the ``address_row`` and ``contact_intid`` columns, and existing contacts
are reindexed so that their group's address list is not empty."""

from collab.portal.contacts.address_list import member_rows
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.directory_helpers import make_groups
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from portal_helpers import PROFILE_VERSION
import unittest


PROFILE = "collab.portal:default"


class TestAddressListRowsUpgrade(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.catalog = api.portal.get_tool("portal_catalog")
        self.setup = api.portal.get_tool("portal_setup")

    def test_upgrade_adds_the_index_and_columns_and_reindexes_contacts(self):
        directory, wg, _observers = make_groups(self.portal)
        # A site of 1012: neither the index nor the columns.
        self.catalog.delIndex("contact_intid")
        self.catalog.delColumn("contact_intid")
        self.catalog.delColumn("address_row")
        self.assertNotIn("address_row", self.catalog.schema())
        self.setup.setLastVersionForProfile(PROFILE, "1012")

        self.setup.upgradeProfile(PROFILE)

        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)
        self.assertIn("contact_intid", self.catalog.indexes())
        self.assertIn("address_row", self.catalog.schema())
        rows = member_rows(wg, "en")
        self.assertEqual(
            [row["name"] for row in rows], ["Ana Pérez", "Luc Martin", "Chen Wei"]
        )
        self.assertEqual(rows[2]["organisation"], '=HYPERLINK("http://evil.example")')
        self.assertEqual(rows[0]["role"], "Chair")
