"""Issue 22, Behaviour 4 and 7: any two rounds compare paragraph by
paragraph down to one changed word, over REST (``GET <draft>/@diff``) and
on the page ``@@compare``; who may compare, and bad parameters."""

from drafts.compare_helpers import CompareTestCase
from drafts.compare_helpers import draft_in
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import rest_session


SHALL = [
    ["equal", "Parties "],
    ["delete", "shall"],
    ["insert", "should"],
    ["equal", " report every year on their capacity needs."],
]


class TestOneWord(CompareTestCase):
    def setUp(self):
        super().setUp()
        self.edit(self.draft.text.raw.replace("Parties shall", "Parties should"))

    def test_rest_shows_exactly_the_changed_word(self):
        response = self.get_diff(**{"from": "1"})
        self.assertEqual(response.json()["from"], 1)
        self.assertEqual(response.json()["to"], "current")
        rows = self.by_id(response)
        self.assertEqual(list(rows), self.pids)
        changed = rows[self.pids[1]]
        self.assertEqual(changed["status"], "changed")
        self.assertEqual((changed["number_from"], changed["number_to"]), ("2", "2"))
        self.assertEqual(changed["ops"], SHALL)
        for pid in (self.pids[0], self.pids[2]):
            self.assertEqual(rows[pid]["status"], "unchanged")
            self.assertEqual([op for op, _text in rows[pid]["ops"]], ["equal"])

    def test_the_page_shows_exactly_the_changed_word(self):
        browser = self.browser()
        browser.open(f"{self.page}?from=1&to=current")
        html = assert_page(
            self, browser, "Paragraphs that differ: <span>1</span>", "Changed"
        )
        self.assertIn(
            'Parties <del class="draft-diff-delete"><span class="visually-hidden">'
            "deleted text: </span>shall</del>"
            '<ins class="draft-diff-insert"><span class="visually-hidden">'
            "inserted text: </span>should</ins> report every year",
            html,
        )
        self.assertEqual(html.count("<del "), 1)
        self.assertEqual(html.count("<ins "), 1)
        self.assertIn('<option value="1" selected="selected">Round 1</option>', html)
        self.assertIn(
            '<option value="current" selected="selected">Current text</option>', html
        )

    def test_the_page_in_spanish_and_french(self):
        for language, words in (
            ("es", ("Ronda 1", "Texto actual", "Modificado", "texto eliminado:")),
            ("fr", ("Tour 1", "Texte actuel", "Modifié", "texte supprimé :")),
        ):
            draft = draft_in(self.portal, language)
            self.edit(draft.text.raw.replace("Parties shall", "Parties should"), draft)
            browser = self.browser(language=language)
            browser.open(f"{draft.absolute_url()}/@@compare")
            assert_page(self, browser, *words, "<del ")

    def test_who_may_compare(self):
        for login in (PARTICIPANT, LEAD, SECRETARIAT):
            self.assertEqual(self.get_diff(login, **{"from": "1"}).status_code, 200)
            browser = self.browser(login)
            browser.open(self.page)
            assert_page(self, browser, "should")
        for login in (None, OUTSIDER):
            self.assertEqual(self.get_diff(login, **{"from": "1"}).status_code, 401)
            browser = self.browser(login)
            browser.open(self.page)
            assert_refused_page(self, browser, login)


class TestParagraphs(CompareTestCase):
    def test_added_deleted_and_moved_between_two_rounds(self):
        heading, _first, last = (self.block(i) for i in range(3))
        self.edit(last + heading + "<p>Parties shall also meet.</p>")
        open_a_round(self.draft)
        rows = self.by_id(self.get_diff(**{"from": "1", "to": "2"}))
        added = [row for row in rows.values() if row["status"] == "added"]
        self.assertEqual(len(added), 1)
        self.assertEqual(added[0]["ops"], [["insert", "Parties shall also meet."]])
        self.assertEqual(added[0]["number_from"], None)
        deleted = rows[self.pids[1]]
        self.assertEqual(deleted["status"], "deleted")
        self.assertEqual(deleted["number_to"], None)
        self.assertEqual(deleted["ops"][0][0], "delete")
        self.assertEqual(rows[self.pids[2]]["status"], "moved")
        self.assertEqual(rows[self.pids[2]]["number_to"], "1")
        self.assertFalse(rows[self.pids[2]]["edited"])
        self.assertEqual(rows[self.pids[0]]["status"], "unchanged")
        # Round 2 opened on that text: nothing differs from it yet.
        now = self.by_id(self.get_diff(**{"from": "2"}))
        self.assertEqual({row["status"] for row in now.values()}, {"unchanged"})
        browser = self.browser(PARTICIPANT)
        browser.open(f"{self.page}?from=1&to=2")
        assert_page(self, browser, "Added", "Former paragraph 2", "Paragraph 1 (was 3)")


class TestBadParameters(CompareTestCase):
    def test_missing_or_garbled_is_400_unknown_round_404(self):
        for params in ({}, {"from": "abc"}, {"from": "1", "to": "-1"}, {"from": "1.5"}):
            response = self.get_diff(**params)
            self.assertEqual(response.status_code, 400, params)
            self.assertIn("round", response.json()["message"])
        for params in ({"from": "7"}, {"from": "1", "to": "9"}, {"from": "0"}):
            response = self.get_diff(**params)
            self.assertEqual(response.status_code, 404, params)
            self.assertIn("no round", response.json()["message"])
        spanish = rest_session(self.portal.absolute_url(), LEAD, "es")
        response = spanish.get(self.diff, params={"from": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("ronda", response.json()["message"])

    def test_the_page_says_what_is_wrong(self):
        browser = self.browser()
        browser.open(f"{self.page}?from=abc")
        assert_page(self, browser, "A round is given by its number", status=400)
        browser.open(f"{self.page}?from=7")
        assert_page(self, browser, "This draft has no round 7.", status=404)
