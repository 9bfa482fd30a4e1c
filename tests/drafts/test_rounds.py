"""Issue 22, Rounds and Behaviour 2: the secretariat opens a round over
REST; each invited contact gets one message in their language with a
personal link, which makes them a guest of that draft and that round;
closing the round (by hand or at the deadline by the clock) ends every
link. Bad input changes nothing."""

from collab.portal import tokens
from collab.portal.clock import moved_to
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.rounds import current_round
from datetime import datetime
from datetime import UTC
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.round_helpers import RoundTestCase
from drafts.round_helpers import text_of
from plone import api
from plone.app.discussion.interfaces import IConversation
import transaction


class TestOpeningARound(RoundTestCase):
    def test_each_invited_contact_gets_one_link_in_their_language(self):
        response = self.open_round(
            contacts=[self.luc.UID()], instructions="Comment on paragraph 2."
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.headers["Location"], f"{self.url}/@rounds/1")
        self.assertEqual(response.json()["invitees"], 2)  # Luc once
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "round_open")
        self.clock()
        messages = self.delivered(2)
        spanish = messages["ana.perez@example.org"]
        english = messages["luc.martin@example.org"]
        self.assertIn("Comentarios", spanish["Subject"])
        self.assertIn("5 de marzo de 2099, 16:00 UTC", text_of(spanish))
        self.assertIn("Draft resolution on capacity building", english["Subject"])
        self.assertIn("Comment on paragraph 2.", text_of(english))
        self.assertIn("/@@guest?contact=", text_of(english))
        info = self.rest("secretariat").get(f"{self.url}/@rounds/current").json()
        self.assertEqual(info["invitations"]["total"], 2)
        self.assertEqual(info["deadline"], "2099-03-05T16:00:00+00:00")
        # One link each, of this draft and round.
        for contact in (self.ana, self.luc):
            subject = f"{self.draft.UID()}:1:{contact.UID()}"
            self.assertEqual(len(tokens.tokens_of(GUEST_PURPOSE, subject)), 1)

    def test_a_guest_comments_signed_with_the_contact_record(self):
        self.assertEqual(self.open_round().status_code, 201)
        cookie = self.guest_cookie(self.links()["ana.perez@example.org"])
        pid = self.rest(PARTICIPANT).get(f"{self.url}/@paragraphs").json()
        pid = pid["items"][2]["id"]
        posted = self.as_guest(
            cookie,
            f"{self.url}/@comments",
            "POST",
            json={"text": "Añadir un plazo.", "paragraph": pid},
        )
        self.assertEqual(posted.status_code, 204, posted.text)
        transaction.begin()
        [comment] = IConversation(self.draft).getComments()
        self.assertEqual(comment.author_name, "Ana Pérez")
        self.assertEqual(comment.author_organisation, "Ministerio del Ambiente")
        self.assertEqual(comment.paragraph, pid)
        self.assertEqual(comment.round_number, 1)
        # The participant (a site user of the round) reads it at once.
        items = self.rest(PARTICIPANT).get(f"{self.url}/@comments").json()["items"]
        self.assertEqual([i["author_name"] for i in items], ["Ana Pérez"])

    def test_only_those_who_manage_rounds_open_them(self):
        self.assertEqual(self.open_round(login=None).status_code, 401)
        for login in (PARTICIPANT, OUTSIDER):
            refused = self.open_round(login=login)
            self.assertIn(refused.status_code, (401, 403), login)
        self.assertEqual(self.open_round(login=LEAD).status_code, 201)

    def test_bad_rounds_are_refused_and_change_nothing(self):
        cases = {
            "naive deadline": {"deadline": "2099-03-05T17:00:00"},
            "past deadline": {"deadline": "2001-03-05T17:00:00+00:00"},
            "not a date": {"deadline": "next week"},
            "unknown zone": {"deadline": "2099-03-05T17:00", "zone": "Mars/Base"},
            "nobody": {"groups": []},
            "unknown group": {"groups": ["no-such-uid"]},
            "unknown user": {"users": ["nobody-here"]},
            "visibility": {"visibility": "sometimes"},
            "guests": {"guests_allowed": "yes"},
        }
        for name, body in cases.items():
            with self.subTest(name):
                response = self.open_round(**body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        spanish = self.rest("secretariat", "es").post(
            f"{self.url}/@rounds", json={"deadline": "2099-03-05T17:00:00"}
        )
        self.assertIn("zona horaria", spanish.json()["message"])
        transaction.begin()
        self.assertIsNone(current_round(self.draft))
        self.assertEqual(api.content.get_state(self.draft), "draft")
        self.assertEqual(self.clock(), self.clock())  # nothing to send
        self.delivered(0)

    def test_a_naive_deadline_with_its_zone(self):
        response = self.open_round(
            deadline="2099-07-01T12:00", zone="America/Lima", guests_allowed=False
        )
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["deadline"], "2099-07-01T17:00:00+00:00")
        self.assertEqual(response.json()["zone"], "America/Lima")

    def test_one_round_at_a_time(self):
        self.assertEqual(self.open_round().status_code, 201)
        again = self.open_round()
        self.assertEqual(again.status_code, 409, again.text)
        transaction.begin()
        self.assertEqual(current_round(self.draft).number, 1)


class TestClosingARound(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.assertEqual(self.open_round().status_code, 201)
        self.cookie = self.guest_cookie(self.links()["ana.perez@example.org"])

    def test_closing_ends_every_link(self):
        self.assertEqual(self.as_guest(self.cookie, self.url).status_code, 200)
        closed = self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        self.assertEqual(closed.status_code, 200, closed.text)
        self.assertEqual(closed.json()["state"], "closed")
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "incorporating")
        self.assertEqual(self.as_guest(self.cookie, self.url).status_code, 401)
        states = {
            i["state"]
            for i in self.rest("secretariat").get(f"{self.url}/@tokens").json()["items"]
        }
        self.assertEqual(states, {"revoked"})
        again = self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        self.assertEqual(again.status_code, 409, again.text)
        self.assertEqual(
            self.rest("secretariat").post(f"{self.url}/@rounds/7/close").status_code,
            404,
        )

    def test_the_clock_closes_the_round_at_its_deadline(self):
        self.clock()
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "round_open")
        with moved_to(datetime(2099, 3, 5, 16, 0, 1, tzinfo=UTC)):
            self.clock()
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "incorporating")
        self.assertEqual(current_round(self.draft).closed_by, "collab.portal.clock")
        self.assertEqual(self.as_guest(self.cookie, self.url).status_code, 401)

    def test_a_link_can_be_revoked_and_reissued(self):
        listed = self.rest("secretariat").get(f"{self.url}/@tokens").json()["items"]
        self.assertEqual(len(listed), 2)
        ana = [i for i in listed if self.ana.UID() in i.get("subject", "")] or listed
        for item in listed:
            response = self.rest("secretariat").delete(
                f"{self.url}/@tokens/{item['token_id']}"
            )
            self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.as_guest(self.cookie, self.url).status_code, 401)
        self.assertEqual(
            self.rest("secretariat")
            .delete(f"{self.url}/@tokens/{ana[0]['token_id']}0")
            .status_code,
            404,
        )
        issued = self.rest("secretariat").post(
            f"{self.url}/@tokens", json={"contact": self.ana.UID()}
        )
        self.assertEqual(issued.status_code, 201, issued.text)
        self.assertIn("no-store", issued.headers["Cache-Control"])
        cookie = self.guest_cookie(issued.json()["url"])
        self.assertEqual(self.as_guest(cookie, self.url).status_code, 200)
        stranger = self.rest("secretariat").post(
            f"{self.url}/@tokens", json={"contact": self.group.UID()}
        )
        self.assertEqual(stranger.status_code, 400, stranger.text)
        refused = self.rest(PARTICIPANT).post(
            f"{self.url}/@tokens", json={"contact": self.ana.UID()}
        )
        self.assertIn(refused.status_code, (401, 403), refused.text)


class TestCommentsSeenAfterTheDeadline(RoundTestCase):
    def test_held_back_until_the_round_closes(self):
        response = self.open_round(
            visibility="after_deadline", users=[PARTICIPANT, OUTSIDER]
        )
        self.assertEqual(response.status_code, 201, response.text)
        comments = f"{self.url}/@comments"
        posted = self.rest(PARTICIPANT).post(comments, json={"text": "Mine first."})
        self.assertEqual(posted.status_code, 204, posted.text)

        def seen_by(login):
            items = self.rest(login).get(comments).json()["items"]
            return [item["text"]["data"] for item in items]

        self.assertEqual(seen_by(PARTICIPANT), ["Mine first."])
        self.assertEqual(seen_by(OUTSIDER), [])
        self.assertEqual(seen_by(LEAD), ["Mine first."])
        closed = self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        self.assertEqual(closed.status_code, 200, closed.text)
        self.assertEqual(seen_by(OUTSIDER), ["Mine first."])
