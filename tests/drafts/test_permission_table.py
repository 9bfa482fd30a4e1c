"""Who may do what with a draft and its comments, as one table (issue 22,
"Permissions as a table"): roles and the guest x workflow state x action,
each cell run on the channels it has (REST; the page for view and read;
@search for read) and checked by the answer and what was stored.

Y: allowed. N: refused (REST 401/403/409, the page without the comment,
search without it; a guest's session never opens @search). "-": no such
thing yet (no comment or round before the first round). Read: the
participant's comment is seen. Open next: ``POST @rounds`` with a round
lacking recipients answers 400 (the person may open one now: only the
input is wrong), else 401/403/409.
"""

from drafts.draft_helpers import LEAD
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.permission_table_helpers import PermissionTableTestCase
from drafts.permission_table_helpers import SEED
from portal_helpers import page_browser


# fmt: off
ACTIONS = (
    "view", "read", "comment", "reply", "suggest", "dispose", "export", "open_next",
)
POLICY = {
    #                              view read comment reply suggest dispose export open
    ("draft", "anonymous"):       "N    -    N       -     N       -       N      N",
    ("draft", OUTSIDER):          "N    -    N       -     N       -       N      N",
    ("draft", PARTICIPANT):       "N    -    N       -     N       -       N      N",
    ("draft", LEAD):              "Y    -    N       -     N       -       -      Y",
    ("draft", SECRETARIAT):       "Y    -    N       -     N       -       -      Y",

    ("round_open", "anonymous"):  "N    N    N       N     N       N       N      N",
    ("round_open", OUTSIDER):     "N    N    N       N     N       N       N      N",
    ("round_open", "guest"):      "Y    Y    Y       Y     Y       N       N      N",
    ("round_open", PARTICIPANT):  "Y    Y    Y       Y     Y       N       N      N",
    ("round_open", LEAD):         "Y    Y    Y       Y     Y       N       Y      N",
    ("round_open", SECRETARIAT):  "Y    Y    Y       Y     Y       N       Y      N",

    ("incorporating", "anonymous"): "N  N    N       N     N       N       N      N",
    ("incorporating", OUTSIDER):  "N    N    N       N     N       N       N      N",
    ("incorporating", "guest"):   "N    N    N       N     N       N       N      N",
    ("incorporating", PARTICIPANT): "Y  Y    N       N     N       N       N      N",
    ("incorporating", LEAD):      "Y    Y    N       N     N       Y       Y      Y",
    ("incorporating", SECRETARIAT): "Y  Y    N       N     N       Y       Y      Y",

    ("final", "anonymous"):       "Y    N    N       N     N       N       N      N",
    ("final", OUTSIDER):          "Y    N    N       N     N       N       N      N",
    ("final", "guest"):           "Y    N    N       N     N       N       N      N",
    ("final", PARTICIPANT):       "Y    Y    N       N     N       N       N      N",
    ("final", LEAD):              "Y    Y    N       N     N       N       Y      N",
    ("final", SECRETARIAT):       "Y    Y    N       N     N       N       Y      N",
}
# fmt: on
REFUSED = (401, 403, 404, 409)


class TestPermissionTable(PermissionTableTestCase):
    def check(self, state):
        self.build(state)
        for (row_state, role), cells in POLICY.items():
            if row_state != state:
                continue
            for action, cell in zip(ACTIONS, cells.split(), strict=True):
                if cell == "-":
                    continue
                with self.subTest(state=state, role=role, action=action):
                    allowed = getattr(self, f"may_{action}")(role)
                    self.assertEqual(allowed, cell == "Y")

    def test_draft(self):
        self.check("draft")

    def test_round_open(self):
        self.check("round_open")

    def test_incorporating(self):
        self.check("incorporating")

    def test_final(self):
        self.check("final")

    # One method per action: True when allowed on every channel it has,
    # False when refused on every one (a mix fails the cell).

    def answer(self, response, ok):
        if response.status_code in ok:
            return True
        self.assertIn(response.status_code, REFUSED, response.text[:300])
        return False

    def page_text(self, role):
        if role == "guest":
            response = self.session(role).get(
                self.draft.absolute_url(),
                headers={"Accept": "text/html"},
                allow_redirects=False,
            )
            shown = response.status_code == 200 and (
                "Draft resolution on capacity building" in response.text
            )
            return (200 if shown else 403), response.text
        login = None if role == "anonymous" else role
        browser = page_browser(self.layer["app"], login)
        browser.open(self.draft.absolute_url())
        shown = browser.headers["status"].startswith("200") and (
            "Draft resolution on capacity building" in browser.contents
        )
        return (200 if shown else 403), browser.contents

    def may_view(self, role):
        rest = self.answer(self.session(role).get(self.draft.absolute_url()), (200,))
        status, _text = self.page_text(role)
        self.assertEqual(status == 200, rest, "page and REST differ")
        return rest

    def may_read(self, role):
        response = self.session(role).get(self.url)
        texts = []
        if response.status_code == 200:
            texts = [item["text"]["data"] for item in response.json()["items"]]
        rest = SEED in texts
        _status, page = self.page_text(role)
        found = self.session(role).get(
            f"{self.portal.absolute_url()}/@search",
            params={"SearchableText": "Zanzibarian", "portal_type": "Discussion Item"},
        )
        search = found.status_code == 200 and found.json()["items_total"] > 0
        # A guest's session does not open @search: anonymous there.
        expected = (rest, rest and role != "guest")
        self.assertEqual((SEED in page, search), expected, "channels differ")
        return rest

    def may_comment(self, role):
        posted = self.session(role).post(self.url, json={"text": f"By {role}."})
        return self.answer(posted, (204,))

    def may_reply(self, role):
        posted = self.session(role).post(
            f"{self.url}/{self.seed}", json={"text": f"Reply by {role}."}
        )
        return self.answer(posted, (204,))

    def may_suggest(self, role):
        posted = self.session(role).post(
            self.url,
            json={
                "text": f"Wording by {role}.",
                "paragraph": self.pids[2],
                "suggestion": "The secretariat shall compile them.",
            },
        )
        return self.answer(posted, (204,))

    def may_dispose(self, role):
        patched = self.session(role).patch(
            f"{self.url}/{self.seed}", json={"disposition": "noted"}
        )
        return self.answer(patched, (204,))

    def may_export(self, role):
        exported = self.session(role).get(
            f"{self.draft.absolute_url()}/@comments-export", params={"format": "csv"}
        )
        return self.answer(exported, (200,))

    def may_open_next(self, role):
        opened = self.session(role).post(
            f"{self.draft.absolute_url()}/@rounds",
            json={"deadline": "2099-03-05T17:00:00+01:00"},
        )
        return self.answer(opened, (400,))
