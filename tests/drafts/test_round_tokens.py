"""Issue 22, "Tokens", with real rounds: a link of draft A used on draft
B, a link of round 1 once round 2 is open, after the round closed, after
it was withdrawn, tampered: all refused with the same translated page,
and guessing gets 429. A guest's session opens nothing but its draft's
allowed services: not @search, @rounds, @tokens, exports, or another
draft's comments."""

from collab.portal import tokens
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.rounds import current_round
from drafts.draft_helpers import BODY
from drafts.draft_helpers import make_draft
from drafts.round_helpers import RoundTestCase
from plone.app.textfield.value import RichTextValue
import requests
import transaction


class TestRoundTokens(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.assertEqual(self.open_round().status_code, 201)
        self.link = self.links()["ana.perez@example.org"]
        self.other = make_draft(
            self.portal,
            id="other",
            text=RichTextValue(BODY, "text/html", "text/x-html-safe"),
        )
        transaction.commit()

    def continue_from(self, link, host=None):
        query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
        return requests.post(
            f"{host or self.url}/@@guest",
            data={**query, "save": "1"},
            headers={"Accept-Language": "es"},
            allow_redirects=False,
            timeout=60,
        )

    def assert_refused(self, response):
        self.assertEqual(response.status_code, 403, response.text[:300])
        self.assertIn("Este enlace no es válido", response.text)
        self.assertNotIn("collab_guest", response.cookies)

    def test_a_link_opens_its_draft_and_round_only(self):
        self.assert_refused(self.continue_from(self.link, self.other.absolute_url()))
        tampered = self.link[:-3] + ("aaa" if not self.link.endswith("aaa") else "bbb")
        self.assert_refused(self.continue_from(tampered))
        # The round closes: the link ends; round 2 does not take it back.
        self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        self.assert_refused(self.continue_from(self.link))
        self.assertEqual(self.open_round().status_code, 201)
        self.assert_refused(self.continue_from(self.link))

    def test_a_withdrawn_link_and_guessing(self):
        record = tokens.tokens_of(
            GUEST_PURPOSE, f"{self.draft.UID()}:1:{self.ana.UID()}"
        )[0]
        deleted = self.rest("secretariat").delete(
            f"{self.url}/@tokens/{record.token_id}"
        )
        self.assertEqual(deleted.status_code, 204)
        self.assert_refused(self.continue_from(self.link))
        statuses = set()
        for number in range(12):
            guess = f"{self.link.split('token=')[0]}token={'x' * 30}{number}"
            statuses.add(self.continue_from(guess).status_code)
        self.assertIn(429, statuses)

    def test_the_session_opens_nothing_else(self):
        response = self.continue_from(self.link)
        self.assertEqual(response.status_code, 303, response.text[:300])
        cookie = response.cookies["collab_guest"]
        self.assertEqual(
            self.as_guest(cookie, f"{self.url}/@comments").status_code, 200
        )
        for url, method in (
            (f"{self.portal.absolute_url()}/@search", "GET"),
            (f"{self.url}/@rounds", "GET"),
            (f"{self.url}/@tokens", "GET"),
            (f"{self.url}/@coverage", "GET"),
            (f"{self.url}/@comments-export?format=csv", "GET"),
            (f"{self.url}/@rounds", "POST"),
            (f"{self.other.absolute_url()}/@comments", "GET"),
            (f"{self.portal.absolute_url()}/en", "GET"),
        ):
            with self.subTest(url=url, method=method):
                answer = self.as_guest(cookie, url, method, json={})
                if answer.status_code == 200:  # public: seen as anonymous
                    self.assertNotIn("guest:", answer.text)
                    self.assertNotIn("Ana Pérez", answer.text)
                else:
                    self.assertEqual(answer.status_code, 401, answer.text[:200])

    def test_a_guest_of_round_two_reads_round_ones_responses_and_compares(self):
        closed = self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        self.assertEqual(closed.status_code, 200, closed.text)
        self.assertEqual(self.open_round().status_code, 201)
        transaction.begin()
        round = current_round(self.draft)
        link = guest_link(self.draft, round, self.ana.UID(), "secretariat")
        transaction.commit()
        cookie = self.continue_from(link).cookies["collab_guest"]
        for page, words in (
            ("@@responses?round=1", "Comments and responses of round"),
            ("@@compare?from=1", "compare"),
        ):
            with self.subTest(page=page):
                answer = requests.get(
                    f"{self.url}/{page}",
                    headers={"Cookie": f"collab_guest={cookie}"},
                    allow_redirects=False,
                    timeout=60,
                )
                self.assertEqual(answer.status_code, 200, answer.text[:300])
                self.assertIn(words, answer.text)
