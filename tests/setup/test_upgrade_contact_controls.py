"""Upgrade 1015 to 1016: control characters stored in contacts and
groups before they were refused are replaced by spaces (line breaks and
tabs kept in notes), so their edit forms save again."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.control_helpers import store_raw
from contacts.directory_helpers import make_groups
from portal_helpers import page_browser
from portal_helpers import UpgradeTestCase
import transaction


class TestContactControlsUpgrade(UpgradeTestCase):
    layer = FUNCTIONAL_TESTING

    def test_stored_controls_replaced_and_the_form_saves(self):
        directory, wg, _observers = make_groups(self.portal)
        chen = directory["chen-wei"]
        store_raw(chen, organisation="Line\x0bbreak\r\nCo")
        chen.notes = "First\r\nsecond\x0c\tthird"
        wg.title = "Working\x0bgroup"
        wg.member_roles = {chen.UID(): "Vice\u2028chair"}
        transaction.commit()
        browser = page_browser(self.layer["app"], "secretariat")
        browser.open(f"{chen.absolute_url()}/@@edit")
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Write one line of plain text", browser.contents)
        self.upgrade_from("1013")
        transaction.commit()

        self.assertEqual(chen.organisation, "Line break  Co")
        self.assertEqual(chen.notes, "First\nsecond \tthird")
        self.assertEqual(wg.title, "Working group")
        self.assertEqual(wg.member_roles, {chen.UID(): "Vice chair"})
        browser.open(f"{chen.absolute_url()}/@@edit")
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Changes saved", browser.contents)
