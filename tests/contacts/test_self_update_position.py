"""Issue 23, item 19: a contact cannot nominate themselves through their
personal link: the position is shown there, not offered, on the page and
over REST."""

from collab.portal.contacts.self_update import changes_of
from contacts.self_update_helpers import SelfUpdateTestCase
from plone import api
from portal_helpers import assert_page
import transaction


class TestPositionIsTheSecretariats(SelfUpdateTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_roles(["Manager"]):
            self.ana.position = "alternate_focal_point"
        transaction.commit()

    def test_page_shows_the_position_without_a_field(self):
        browser = self.browser()
        browser.open(self.link)
        assert_page(self, browser, 'name="organisation"', "la secretaría")
        self.assertNotIn('name="position"', browser.contents)
        browser.getControl(name="phone").value = "+51 1 611 6000"
        browser.getControl(name="save").click()
        assert_page(self, browser, "<li>Teléfono</li>")
        self.fresh(self.ana)
        self.assertEqual(self.ana.position, "alternate_focal_point")

    def test_rest_refuses_another_position(self):
        response = self.post_details(
            self.rest(language="fr"),
            position="national_focal_point",
            organisation="Ministère",
        )
        self.assertEqual(response.status_code, 400, response.text)
        (error,) = response.json()["errors"]
        self.assertEqual(error["field"], "position")
        self.assertIn("secrétariat", error["message"])
        self.fresh(self.ana)
        self.assertEqual(self.ana.position, "alternate_focal_point")
        self.assertIsNone(self.ana.organisation)
        self.assertEqual(changes_of(self.ana), [])

    def test_rest_accepts_the_position_sent_back_unchanged(self):
        response = self.post_details(
            position="alternate_focal_point", organisation="Ministerio"
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [c["field"] for c in response.json()["changes"]], ["organisation"]
        )
