"""Fixtures of the comparison tests (``@diff`` and ``@@compare``): a
draft whose round 1 opened on ``draft_helpers.BODY`` and closed, so its
lead author may edit the text (``edit``), and the rows of a comparison
by paragraph id."""

from collab.portal.drafts.rounds import close_round
from drafts.draft_helpers import BODY
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from plone import api
from plone.app.textfield.value import RichTextValue
from portal_helpers import page_browser
import transaction


def draft_in(portal, language):
    """A draft of ``BODY`` in the language folder ``language`` whose
    round 1 opened and closed (committed): its pages speak that
    language."""
    with api.env.adopt_user(username=SECRETARIAT):
        draft = api.content.create(
            container=portal[language],
            type="DraftDocument",
            id=f"draft-{language}",
            title=f"Draft ({language})",
            lead_author=LEAD,
            text=RichTextValue(BODY, "text/html", "text/x-html-safe"),
        )
    draft.manage_setLocalRoles(PARTICIPANT, ["DraftParticipant"])
    draft.reindexObjectSecurity()
    open_a_round(draft)
    with api.env.adopt_user(username=SECRETARIAT):
        close_round(draft, SECRETARIAT)
    transaction.commit()
    return draft


class CompareTestCase(DraftCommentsTestCase):
    """Round 1 opened on the three blocks of ``BODY`` (a heading and two
    paragraphs, ids in ``self.pids``) and closed: the draft is being
    incorporated."""

    def setUp(self):
        super().setUp()
        open_a_round(self.draft)
        self.close_round()
        self.diff = f"{self.draft.absolute_url()}/@diff"
        self.page = f"{self.draft.absolute_url()}/@@compare"

    def edit(self, body, draft=None):
        """The lead author saves ``body`` as the text of the draft (this
        test's by default) over REST."""
        response = self.rest(LEAD).patch(
            (draft or self.draft).absolute_url(),
            json={"text": {"data": body, "content-type": "text/html"}},
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()

    def block(self, index):
        """Block ``index`` of the text as stored, with its paragraph id."""
        raw = self.draft.text.raw
        start = raw.index(f'id="{self.pids[index]}"')
        start = raw.rindex("<", 0, start)
        end = raw.index(">", raw.index("</", start)) + 1
        return raw[start:end]

    def get_diff(self, login=LEAD, **params):
        return self.rest(login).get(self.diff, params=params)

    def by_id(self, response):
        self.assertEqual(response.status_code, 200, response.text)
        return {row["id"]: row for row in response.json()["paragraphs"]}

    def browser(self, login=LEAD, language="en"):
        return page_browser(self.layer["app"], login, language)
