"""Who sees what on the draft's page, in each state of its workflow:
Anonymous, a member outside the round, a participant, the lead author
and the secretariat; and a reader who may see the text but not the
comments gets the text alone, without counts."""

from drafts.draft_helpers import LEAD
from drafts.draft_helpers import make_draft
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.page_helpers import DraftPageTestCase
from drafts.page_helpers import transition
from plone import api
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import page_browser
import transaction


PEOPLE = (None, OUTSIDER, PARTICIPANT, LEAD, SECRETARIAT)
COMMENT = "Participants asked for two years."

# state -> login -> (may see the page, reads the comments, may comment)
EXPECTED = {
    "draft": {
        None: (False, False, False),
        OUTSIDER: (False, False, False),
        PARTICIPANT: (False, False, False),
        LEAD: (True, True, False),
        SECRETARIAT: (True, True, False),
    },
    "round_open": {
        None: (False, False, False),
        OUTSIDER: (False, False, False),
        PARTICIPANT: (True, True, True),
        LEAD: (True, True, True),
        SECRETARIAT: (True, True, True),
    },
    "incorporating": {
        None: (False, False, False),
        OUTSIDER: (False, False, False),
        PARTICIPANT: (True, True, False),
        LEAD: (True, True, False),
        SECRETARIAT: (True, True, False),
    },
    # Final: published to its audience, who read the text alone.
    "final": {
        None: (True, False, False),
        OUTSIDER: (True, False, False),
        PARTICIPANT: (True, True, False),
        LEAD: (True, True, False),
        SECRETARIAT: (True, True, False),
    },
}
PATHS = {
    "draft": (),
    "round_open": (),
    "incorporating": ("close_round",),
    "final": ("close_round", "finalise"),
}


class TestWhoSeesWhat(DraftPageTestCase):
    def setUp(self):
        super().setUp()
        # A second draft that stays a draft (no round yet, no comments).
        with api.env.adopt_user(username=SECRETARIAT):
            self.unopened = make_draft(self.portal, id="unopened", text=self.draft.text)
        transaction.commit()
        transition(self.draft, "open_round")
        posted = self.post(PARTICIPANT, paragraph=self.pids[1], text=COMMENT)
        self.assertEqual(posted.status_code, 204, posted.text)

    def check_state(self, state):
        draft = self.unopened if state == "draft" else self.draft
        transition(draft, *PATHS[state])
        for login in PEOPLE:
            sees, reads, comments = EXPECTED[state][login]
            with self.subTest(state=state, login=login):
                browser = page_browser(self.layer["app"], login)
                browser.open(draft.absolute_url())
                if not sees:
                    assert_refused_page(self, browser, login)
                    self.assertNotIn("draft-number", browser.contents)
                    continue
                contents = assert_page(self, browser, "Parties shall report every")
                if draft is self.draft:
                    self.assertEqual(COMMENT in contents, reads)
                self.assertEqual("Comments on paragraph 2:" in contents, reads)
                self.assertEqual(
                    "Comment on paragraph 2</button>" in contents, comments
                )
                self.assertEqual('id="draft-comment-form"' in contents, comments)
                self.assertEqual("General comments" in contents, reads)
                self.assertEqual("drafts.js" in contents, reads)

    def test_draft(self):
        self.check_state("draft")

    def test_round_open(self):
        self.check_state("round_open")

    def test_incorporating(self):
        self.check_state("incorporating")

    def test_final(self):
        self.check_state("final")
