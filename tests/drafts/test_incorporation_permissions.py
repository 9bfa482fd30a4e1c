"""Issue 22, permissions as a table for incorporation: who may open
``@@incorporate``, ``POST @apply-suggestion`` and ``GET
@comments-export``, by role and state (``round_open``, ``incorporating``),
with what is stored after a refusal."""

from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.incorporation_helpers import IncorporationTestCase
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import page_browser
import transaction


PEOPLE = (None, OUTSIDER, PARTICIPANT, LEAD, SECRETARIAT)
REFUSED = "refused"

# state -> channel -> {login: expected}; a login not named is refused.
TABLE = {
    "incorporating": {
        "page": {LEAD: 200, SECRETARIAT: 200},
        "apply": {LEAD: 400, SECRETARIAT: 400},  # past the gate: unknown comment
        "export": {LEAD: 200, SECRETARIAT: 200},
    },
    "round_open": {
        "page": {},
        "apply": {LEAD: 409, SECRETARIAT: 409},
        "export": {LEAD: 200, SECRETARIAT: 200},
    },
}


class TestPermissionTable(IncorporationTestCase):
    def page(self, login):
        browser = page_browser(self.layer["app"], login)
        browser.open(f"{self.draft.absolute_url()}/@@incorporate")
        return browser

    def check_page(self, login, expected):
        browser = self.page(login)
        if expected == REFUSED:
            assert_refused_page(self, browser, login)
        else:
            assert_page(self, browser, "Incorporate the comments of round")

    def check_rest(self, channel, login, expected):
        url = self.draft.absolute_url()
        if channel == "apply":
            response = self.rest(login).post(
                f"{url}/@apply-suggestion", json={"comment": "0"}
            )
        else:
            response = self.rest(login).get(
                f"{url}/@comments-export", params={"format": "csv"}
            )
        if expected == REFUSED:
            self.assertIn(response.status_code, (401, 403), (channel, login))
        else:
            self.assertEqual(response.status_code, expected, (channel, login))

    def check_state(self, state):
        for channel, allowed in TABLE[state].items():
            for login in PEOPLE:
                expected = allowed.get(login, REFUSED)
                with self.subTest(state=state, channel=channel, login=login):
                    if channel == "page":
                        self.check_page(login, expected)
                    else:
                        self.check_rest(channel, login, expected)

    def test_incorporating(self):
        self.check_state("incorporating")

    def test_round_open(self):
        open_a_round(self.draft)
        self.check_state("round_open")

    def test_a_refused_apply_stores_nothing(self):
        before = self.draft.text.raw
        for login in (None, OUTSIDER, PARTICIPANT):
            response = self.rest(login).post(
                f"{self.draft.absolute_url()}/@apply-suggestion",
                json={"comment": str(self.ids["words"])},
            )
            self.assertIn(response.status_code, (401, 403), login)
        transaction.begin()
        self.assertEqual(self.draft.text.raw, before)
        comment = self.conversation_comment("words")
        self.assertIsNone(getattr(comment, "disposition", None))
