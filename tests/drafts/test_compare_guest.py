"""A guest of a round compares too: their session opens ``@diff`` on their
draft (the guests' allow-list names it), as it opens the draft's text."""

from drafts.round_helpers import RoundTestCase


class TestGuestCompares(RoundTestCase):
    def test_a_guest_reads_the_comparison(self):
        self.assertEqual(self.open_round().status_code, 201)
        cookie = self.guest_cookie(self.links()["ana.perez@example.org"])
        response = self.as_guest(cookie, f"{self.url}/@diff?from=1&to=current")
        self.assertEqual(response.status_code, 200, response.text[:300])
        rows = response.json()["paragraphs"]
        self.assertEqual(len(rows), 3)
        self.assertEqual({row["status"] for row in rows}, {"unchanged"})
        refused = self.as_guest(cookie, f"{self.url}/@diff?from=2")
        self.assertEqual(refused.status_code, 404)
