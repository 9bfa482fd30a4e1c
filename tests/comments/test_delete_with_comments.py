"""Content that holds comments can be deleted with link integrity on: on
the Classic delete page, over REST and through plone.api. Comments have
no intid, and plone.app.linkintegrity once failed on them."""

from forum.helpers import ForumTestCase
from plone import api
from portal_helpers import add_comment
from portal_helpers import rest_session
import transaction


class TestDeleteContentWithComments(ForumTestCase):
    def setUp(self):
        super().setUp()
        for gid in ("monitoring", "findings"):
            add_comment(self.forum[gid], "member", f"A comment in {gid}.")
        transaction.commit()

    def test_delete_page(self):
        browser = self.browser("manager")
        browser.open(f"{self.forum_url}/monitoring/delete_confirmation")
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn("monitoring", browser.contents)
        browser.getControl(name="form.buttons.Delete").click()
        self.assertEqual(browser.headers["status"], "200 OK")
        transaction.begin()
        self.assertNotIn("monitoring", self.forum.objectIds())

    def test_delete_over_rest(self):
        admin = rest_session(self.portal.absolute_url(), "admin")
        response = admin.delete(f"{self.forum_url}/findings")
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertNotIn("findings", self.forum.objectIds())

    def test_delete_through_plone_api(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.forum["monitoring"])
        self.assertNotIn("monitoring", self.forum.objectIds())
