"""The DraftDocument type (issue 22): who adds one, its lead author's
role, its workflow, and who sees it in which state, on the page and over
REST."""

from collab.portal.testing import FUNCTIONAL_TESTING
from drafts.draft_helpers import draft_people
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import make_draft
from drafts.draft_helpers import move_to
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from plone import api
from plone.app.versioningbehavior.behaviors import IVersioningSupport
from portal_helpers import page_browser
from portal_helpers import rest_session
import transaction
import unittest


class DraftTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        draft_people(self.portal)
        transaction.commit()

    def rest(self, login=None):
        return rest_session(self.portal.absolute_url(), login)


class TestAddingADraft(DraftTestCase):
    def test_the_secretariat_adds_one_over_rest(self):
        response = self.rest(SECRETARIAT).post(
            f"{self.portal.absolute_url()}/en",
            json={
                "@type": "DraftDocument",
                "title": "Draft decision",
                "lead_author": LEAD,
                "text": {"data": "<p>Decides.</p>", "content-type": "text/html"},
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        draft = self.portal["en"]["draft-decision"]
        self.assertEqual(draft.portal_type, "DraftDocument")
        self.assertEqual(api.content.get_state(draft), "draft")
        self.assertIn("DraftLead", draft.get_local_roles_for_userid(LEAD))
        self.assertTrue(IVersioningSupport.providedBy(draft))

    def test_others_may_not(self):
        for login in ("editor", OUTSIDER, LEAD):
            with self.subTest(login=login):
                response = self.rest(login).post(
                    f"{self.portal.absolute_url()}/en",
                    json={"@type": "DraftDocument", "title": f"By {login}"},
                )
                self.assertIn(response.status_code, (401, 403), response.text)
        transaction.begin()
        self.assertEqual(
            [
                o
                for o in self.portal["en"].objectValues()
                if o.portal_type == "DraftDocument" and o.title.startswith("By ")
            ],
            [],
        )

    def test_the_add_form_is_the_secretariats(self):
        url = f"{self.portal.absolute_url()}/en/++add++DraftDocument"
        browser = page_browser(self.layer["app"], SECRETARIAT)
        browser.open(url)
        self.assertEqual(browser.headers["status"], "200 OK")
        self.assertIn("form.widgets.IBasic.title", browser.contents)
        self.assertIn("form.widgets.original", browser.contents)
        editor = page_browser(self.layer["app"], "editor")
        editor.open(url)
        self.assertNotIn("form.widgets.original", editor.contents)


class TestLeadAuthor(DraftTestCase):
    def test_the_role_follows_the_lead_author(self):
        draft = make_draft(self.portal)
        transaction.commit()
        self.assertIn("DraftLead", draft.get_local_roles_for_userid(LEAD))
        response = self.rest(SECRETARIAT).patch(
            draft.absolute_url(), json={"lead_author": PARTICIPANT}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertNotIn("DraftLead", draft.get_local_roles_for_userid(LEAD))
        self.assertEqual(
            set(draft.get_local_roles_for_userid(PARTICIPANT)),
            {"DraftParticipant", "DraftLead"},
        )


# Who sees the draft in each state (page and REST). The comments' own
# readers come with the comment policy.
SEES = {
    "draft": {SECRETARIAT, LEAD},
    "round_open": {SECRETARIAT, LEAD, PARTICIPANT},
    "incorporating": {SECRETARIAT, LEAD, PARTICIPANT},
}
EDITS = {
    "draft": {SECRETARIAT, LEAD},
    "round_open": set(),
    "incorporating": {SECRETARIAT, LEAD},
    "final": set(),
}
PEOPLE = (None, OUTSIDER, "editor", PARTICIPANT, LEAD, SECRETARIAT)


class TestWhoSeesADraft(DraftTestCase):
    def setUp(self):
        super().setUp()
        self.draft = make_draft(self.portal)
        transaction.commit()

    def check_state(self, state):
        move_to(self.draft, state)
        for login in PEOPLE:
            with self.subTest(state=state, login=login):
                sees = login in SEES[state]
                response = self.rest(login).get(self.draft.absolute_url())
                self.assertEqual(
                    response.status_code == 200, sees, response.status_code
                )
                browser = page_browser(self.layer["app"], login)
                browser.open(self.draft.absolute_url())
                shown = browser.headers["status"] == "200 OK"
                self.assertEqual(shown and "Draft resolution" in browser.contents, sees)
                edit = self.rest(login).patch(
                    self.draft.absolute_url(), json={"description": f"By {login}"}
                )
                self.assertEqual(edit.status_code == 204, login in EDITS[state])

    def test_draft(self):
        self.check_state("draft")

    def test_round_open(self):
        self.check_state("round_open")

    def test_incorporating(self):
        self.check_state("incorporating")

    def test_final_is_seen_by_the_folders_audience(self):
        move_to(self.draft, "final")
        response = self.rest().get(self.draft.absolute_url())
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["review_state"], "final")
        for login in PEOPLE:
            edit = self.rest(login).patch(
                self.draft.absolute_url(), json={"description": "Late"}
            )
            self.assertNotEqual(edit.status_code, 204, login)

    def test_only_the_rounds_people_open_a_round_and_only_by_rounds(self):
        url = self.draft.absolute_url()
        round = {"deadline": "2099-03-05T17:00:00+01:00", "users": [PARTICIPANT]}
        response = self.rest(PARTICIPANT).post(f"{url}/@rounds", json=round)
        self.assertIn(response.status_code, (401, 403), response.text)
        response = self.rest(LEAD).post(f"{url}/@workflow/open_round")
        self.assertEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "draft")
        response = self.rest(LEAD).post(f"{url}/@rounds", json=round)
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(self.draft), "round_open")
