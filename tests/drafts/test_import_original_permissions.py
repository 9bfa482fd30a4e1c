"""Issue 22 §Tests, permissions as a table for the original's import:
Anonymous, a member outside the draft, a participant, the lead author and
the secretariat x the draft's states x the page (GET ``@@import-original``)
and REST (``POST @import-original?apply=false``, then ``apply=true`` where
it is allowed, which stores). Editors are told why not in ``round_open``
and ``final`` (409); anyone else is refused as Plone refuses (the login
form or "Insufficient privileges", 401 or 403), and nothing is stored."""

from drafts.conversion_helpers import sample_docx
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import move_to
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.import_original_helpers import DOCX_TYPE
from drafts.import_original_helpers import ImportOriginalTestCase


STATES = ("draft", "round_open", "incorporating", "final")
PEOPLE = (None, OUTSIDER, PARTICIPANT, LEAD, SECRETARIAT)
EDITORS = (LEAD, SECRETARIAT)


def expected_page(login, state):
    """ "ok", "frozen", "login" or "refused"."""
    if login in EDITORS:
        return "ok" if state in ("draft", "incorporating") else "frozen"
    return "login" if login is None else "refused"


def expected_rest(login, state):
    if login in EDITORS:
        return 200 if state in ("draft", "incorporating") else 409
    # Anonymous: 401, or 403 where it may view the draft (final) and the
    # cross-site guard refuses its form post first (errors.py).
    return (401, 403)


class ImportOriginalPermissionTable(ImportOriginalTestCase):
    def page(self, login):
        answer = self.browser(login).get(self.page_url, allow_redirects=False)
        if answer.status_code == 200 and 'name="file"' in answer.text:
            return "ok"
        if answer.status_code == 409 and "cannot be replaced" in answer.text:
            return "frozen"
        if answer.status_code == 409 and "The draft is final" in answer.text:
            return "frozen"
        if answer.status_code == 403 and "may upload the original" in answer.text:
            return "refused"
        if answer.status_code in (302, 303):
            # Plone's refusal: the login form, or "Insufficient privileges"
            # for a signed-in member (by way of require_login).
            landed = self.browser(login).get(answer.headers["Location"])
            if "/insufficient-privileges" in landed.url:
                return "refused"
            if 'name="__ac_name"' in landed.text:
                return "login"
        return f"{answer.status_code} {answer.headers.get('Location')}"

    def rest(self, login, apply):
        session = super().rest(login)
        if login is None:
            session.auth = None
        return session.post(
            self.service_url,
            params={"apply": apply},
            files={"file": ("r.docx", sample_docx(), DOCX_TYPE)},
        )

    def check_state(self, state):
        if state != "draft":
            move_to(self.draft, state)
        wrong = []
        for login in PEOPLE:
            got = self.page(login)
            if got != expected_page(login, state):
                wrong.append(("page", login, got))
            expected = expected_rest(login, state)
            answer = self.rest(login, "false")
            allowed = expected if isinstance(expected, tuple) else (expected,)
            if answer.status_code not in allowed:
                wrong.append(("rest", login, answer.status_code))
            if answer.status_code == 200:
                self.assertFalse(answer.json()["stored"])
        self.assertEqual(wrong, [], state)
        self.assertEqual(self.stored(), (None, None), state)
        for login in EDITORS if state in ("draft", "incorporating") else ():
            answer = self.rest(login, "true")
            self.assertEqual(answer.status_code, 200, (state, login))
            self.assertTrue(answer.json()["stored"])
            self.assertIsNotNone(self.stored()[0])

    def test_draft(self):
        self.check_state("draft")

    def test_round_open(self):
        self.check_state("round_open")

    def test_incorporating(self):
        self.check_state("incorporating")

    def test_final(self):
        self.check_state("final")
