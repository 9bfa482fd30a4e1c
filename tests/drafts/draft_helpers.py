"""Fixtures of the draft type's tests: the people of a draft (the
secretariat, a lead author, an invited participant, a member outside the
round) and a draft in ``/en``."""

from collab.portal.clock import now
from collab.portal.drafts.paragraphs import paragraph_table
from collab.portal.drafts.rounds import open_round
from collab.portal.drafts.rounds import round_change
from collab.portal.testing import FUNCTIONAL_TESTING
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from portal_helpers import create_role_users
from portal_helpers import make_user
from portal_helpers import rest_session
import transaction
import unittest


SECRETARIAT = "secretariat"
LEAD = "lead"
PARTICIPANT = "participant"
OUTSIDER = "member"


def draft_people(portal):
    create_role_users(portal)
    make_user(SECRETARIAT, ("Member", "Secretariat"))
    make_user(LEAD)
    make_user(PARTICIPANT)


def make_draft(portal, id="resolution", **fields):
    """A DraftDocument in ``/en`` led by ``LEAD``; ``PARTICIPANT`` holds
    the local role its rounds will give (not committed)."""
    with api.env.adopt_user(username=SECRETARIAT):
        draft = api.content.create(
            container=portal["en"],
            type="DraftDocument",
            id=id,
            title="Draft resolution on capacity building",
            lead_author=LEAD,
            **fields,
        )
    draft.manage_setLocalRoles(PARTICIPANT, ["DraftParticipant"])
    draft.reindexObjectSecurity()
    return draft


def move_to(draft, state):
    """Walk the draft's workflow to ``state`` as the secretariat, without
    round records (``rounds.open_round`` is the way in real use)."""
    path = {
        "draft": (),
        "round_open": ("open_round",),
        "incorporating": ("open_round", "close_round"),
        "final": ("open_round", "close_round", "finalise"),
    }[state]
    with api.env.adopt_user(username=SECRETARIAT), round_change(draft):
        for transition in path:
            api.content.transition(draft, transition)
    transaction.commit()


def open_a_round(draft, days=2, **details):
    """Open the draft's next round as the secretariat, ``PARTICIPANT``
    invited as a site user unless ``details`` say otherwise (committed)."""
    details.setdefault("users", (PARTICIPANT,))
    with api.env.adopt_user(username=SECRETARIAT):
        found = open_round(draft, now() + timedelta(days=days), SECRETARIAT, **details)
    transaction.commit()
    return found


BODY = (
    "<h2>Capacity building</h2>"
    "<p>Parties shall report every year on their capacity needs.</p>"
    "<p>The secretariat shall compile the reports for the next meeting.</p>"
)


class DraftCommentsTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        draft_people(self.portal)
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
            True,
        )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        self.draft = make_draft(
            self.portal, text=RichTextValue(BODY, "text/html", "text/x-html-safe")
        )
        transaction.commit()
        self.pids = [p.id for p in paragraph_table(self.draft).paragraphs()]
        self.url = f"{self.draft.absolute_url()}/@comments"

    def rest(self, login=None):
        return rest_session(self.portal.absolute_url(), login)

    def close_round(self, login=SECRETARIAT):
        response = self.rest(login).post(
            f"{self.draft.absolute_url()}/@rounds/current/close"
        )
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        return response

    def post(self, login, **body):
        return self.rest(login).post(self.url, json={"text": "A comment.", **body})

    def comments(self):
        transaction.begin()
        return list(IConversation(self.draft).getComments())
