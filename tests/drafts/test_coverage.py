"""Issue 22, Behaviour 5: which invited contacts, groups and countries
commented, and a reminder mailed to the others only, one click."""

from drafts.draft_helpers import PARTICIPANT
from drafts.round_helpers import RoundTestCase
from drafts.round_helpers import text_of


class TestCoverage(RoundTestCase):
    def setUp(self):
        super().setUp()
        self.assertEqual(self.open_round(users=[PARTICIPANT]).status_code, 201)
        links = self.links()
        self.mailbox.clear()
        cookie = self.guest_cookie(links["ana.perez@example.org"])
        for text in ("Primero.", "Segundo."):
            posted = self.as_guest(
                cookie, f"{self.url}/@comments", "POST", json={"text": text}
            )
            self.assertEqual(posted.status_code, 204, posted.text)

    def test_who_commented_and_who_did_not(self):
        found = self.rest("secretariat").get(f"{self.url}/@coverage")
        self.assertEqual(found.status_code, 200, found.text)
        data = found.json()
        by_uid = {row["uid"]: row for row in data["contacts"]}
        self.assertEqual(by_uid[self.ana.UID()]["comments"], 2)
        self.assertTrue(by_uid[self.ana.UID()]["commented"])
        self.assertFalse(by_uid[self.luc.UID()]["commented"])
        self.assertEqual(by_uid[self.ana.UID()]["country_name"], "Peru")
        self.assertEqual(
            data["groups"],
            [
                {
                    "uid": self.group.UID(),
                    "title": "Focal points",
                    "invited": 2,
                    "commented": 1,
                }
            ],
        )
        peru = [c for c in data["countries"] if c["country"] == "PE"]
        self.assertEqual(peru[0]["commented"], 1)
        self.assertEqual(
            data["users"], [{"userid": PARTICIPANT, "comments": 0, "commented": False}]
        )
        self.assertEqual((data["invited"], data["commented"]), (3, 1))

    def test_a_reminder_goes_to_those_who_have_not_commented(self):
        response = self.rest("secretariat").post(f"{self.url}/@rounds/current/remind")
        self.assertEqual(response.status_code, 202, response.text)
        self.assertEqual(response.json(), {"recipients": 1})
        self.clock()
        [(address, message)] = self.delivered(1).items()
        self.assertEqual(address, "luc.martin@example.org")
        self.assertIn("Rappel", message["Subject"])  # in Luc's French
        self.assertIn("/@@guest?contact=", text_of(message))

    def test_only_the_rounds_managers_and_known_rounds(self):
        for login in (None, PARTICIPANT):
            self.assertIn(
                self.rest(login).get(f"{self.url}/@coverage").status_code,
                (401, 403),
            )
            self.assertIn(
                self.rest(login).post(f"{self.url}/@rounds/current/remind").status_code,
                (401, 403),
            )
        missing = self.rest("secretariat").get(f"{self.url}/@coverage?round=9")
        self.assertEqual(missing.status_code, 404)
        self.rest("secretariat").post(f"{self.url}/@rounds/current/close")
        late = self.rest("secretariat").post(f"{self.url}/@rounds/current/remind")
        self.assertEqual(late.status_code, 409, late.text)
        self.assertEqual(
            self.rest("secretariat").get(f"{self.url}/@coverage?round=1").status_code,
            200,
        )
