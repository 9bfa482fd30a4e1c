"""``GET <group>/@comments/<id>`` and the list's batch parameters: an
unknown or unreadable comment is a translated 404, a bad batch a
translated 400, never a 5xx."""

from forum.helpers import ForumTestCase
from portal_helpers import add_comment
from portal_helpers import rest_session
import transaction


class TestCommentItem(ForumTestCase):
    def setUp(self):
        super().setUp()
        group = self.forum["monitoring"]
        self.shown = add_comment(group, "member", "Shown to all.")
        self.waiting = add_comment(group, "member", "Waiting.", pending=True)
        transaction.commit()
        self.comments = f"{self.forum_url}/monitoring/@comments"

    def get(self, path, login=None, language="en", **params):
        session = rest_session(self.portal.absolute_url(), login, language)
        return session.get(f"{self.comments}{path}", params=params)

    def test_known_comment(self):
        response = self.get(f"/{self.shown}")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["comment_id"], str(self.shown))

    def test_unknown_ids_404_translated(self):
        for path in ("/1", "/999999999999", "/abc", f"/{self.shown}0"):
            response = self.get(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.json()["message"], "There is no such comment.")
        response = self.get("/1", language="es")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["message"], "No existe ese comentario.")

    def test_waiting_comment_is_the_authors_and_moderators(self):
        for login, status in (
            (None, 404),
            ("editor", 404),
            ("member", 200),
            ("siteadmin", 200),
        ):
            response = self.get(f"/{self.waiting}", login)
            self.assertEqual(response.status_code, status, login)
            if status == 404:
                self.assertNotIn("Waiting.", response.text)
                self.assertEqual(
                    response.json()["message"], "There is no such comment."
                )
            else:
                self.assertIn("Waiting.", response.json()["text"]["data"])

    def test_bad_batch_400(self):
        for params in (
            {"b_size": "-1"},
            {"b_size": "0"},
            {"b_size": "many"},
            {"b_start": "-5"},
            {"b_start": "x"},
        ):
            response = self.get("", **params)
            self.assertEqual(response.status_code, 400, params)
            self.assertIn("must be a whole number", response.json()["message"])
        response = self.get("", language="es", b_size="-1")
        self.assertEqual(response.status_code, 400)
        self.assertIn("número entero", response.json()["message"])

    def test_good_batch(self):
        response = self.get("", b_size="1", b_start="0")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["items"]), 1)
        self.assertEqual(response.json()["items_total"], 1)
