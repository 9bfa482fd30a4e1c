"""Fixtures of the incorporation tests: a draft whose first round is
closed, with a comment quoting words and proposing wording (answered by
the lead author), a comment proposing a whole paragraph, a general
comment, and a comment of the participant's organisation and country."""

from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import PARTICIPANT
from plone import api
import transaction


SCRIPT = '<script>alert("x")</script><b>bold</b>'
QUOTE = "every year"
SUGGESTION = "every two years"
WHOLE = "The secretariat shall publish the reports online."


class IncorporationTestCase(DraftCommentsTestCase):
    """Round 1 closed (the draft is ``incorporating``); ``self.ids``
    names its comments: ``words`` (on paragraph 2, quote and
    suggestion), ``reply`` (the lead's answer to it), ``whole`` (on
    paragraph 3, a whole new text), ``general`` (on the whole draft)."""

    def setUp(self):
        super().setUp()
        api.user.get(username=PARTICIPANT).setMemberProperties(
            {"fullname": "Ana Pérez", "organisation": "SEMARNAT", "country": "MX"}
        )
        transaction.commit()
        open_a_round(self.draft)
        self.ids = {}
        self.ids["words"] = self.comment(
            PARTICIPANT,
            text="Too often.",
            paragraph=self.pids[1],
            quote=QUOTE,
            suggestion=SUGGESTION,
        )
        self.ids["reply"] = self.comment(
            LEAD, text="Why?", in_reply_to=self.ids["words"]
        )
        self.ids["whole"] = self.comment(
            PARTICIPANT, text="Publish them.", paragraph=self.pids[2], suggestion=WHOLE
        )
        self.ids["general"] = self.comment(PARTICIPANT, text="Good draft overall.")
        self.close_round()

    def comment(self, login, **body):
        """Post a comment over REST; its id."""
        before = {c.comment_id for c in self.comments()}
        response = self.post(login, **body)
        self.assertEqual(response.status_code, 204, response.text)
        [new] = [c for c in self.comments() if c.comment_id not in before]
        return new.comment_id

    def conversation_comment(self, key):
        transaction.begin()
        return {c.comment_id: c for c in self.comments()}[self.ids[key]]
