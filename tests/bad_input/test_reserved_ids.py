"""Names that forums and groups may not take because views and services
use them."""

from bad_input.helpers import InputsTestCase
from plone import api
from zExceptions import BadRequest
import transaction


RESERVED = ("@comments", "view", "index_html", "participation", "forum-print", "opens")


class TestReservedIds(InputsTestCase):
    """Point 13: no group or forum hides a view or a service."""

    def test_rest_add_and_rename(self):
        before = sorted(self.forum.objectIds())
        for name in RESERVED:
            with self.subTest(name=name):
                response = self.session("siteadmin").post(
                    self.forum_url,
                    json={
                        "@type": "DiscussionGroup",
                        "id": name,
                        "title": "Hidden",
                        "opens": "2030-01-01T00:00:00Z",
                        "closes": "2030-01-09T00:00:00Z",
                    },
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        transaction.begin()
        self.assertEqual(sorted(self.forum.objectIds()), before)
        response = self.session("siteadmin").post(
            f"{self.portal.absolute_url()}/en",
            json={
                "@type": "Forum",
                "id": "@schedule",
                "title": "F",
                "opens": "2030-01-01T00:00:00Z",
                "closes": "2030-01-09T00:00:00Z",
            },
        )
        self.assertEqual(response.status_code, 400, response.text)

    def test_rename_and_short_name(self):
        with api.env.adopt_roles(["Manager"]):
            for name in ("index_html", "participation"):
                with self.subTest(name=name), self.assertRaises(BadRequest):
                    self.forum.manage_renameObject("findings", name)
        transaction.abort()
        browser = self.browser("siteadmin")
        browser.open(f"{self.group_url}/@@edit")
        browser.getControl(name="form.widgets.IShortName.id").value = "participation"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        # Plone's name chooser asks check_id, which asks the forum: the
        # reserved name is not taken (Plone numbers it instead).
        self.assertNotIn("participation", self.forum.objectIds())
        self.assertIn("participation-1", self.forum.objectIds())
        browser = self.browser("editor")
        browser.open(f"{self.forum_url}/participation")
        self.assertNotEqual(browser.headers["status"].split()[0], "500")
