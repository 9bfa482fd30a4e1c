"""A draft's page past ``FOLD_OVER`` readable comments on its paragraphs
(issue 22, "make bench": a page of 2,000 comments within twice a plain
Document): each paragraph's thread is folded behind "Show the N comments
on paragraph M" (the script reads them from @comments; without it
``?show=<paragraph>`` renders that one), while general comments and those
on removed text stay on the page."""

from collab.portal.drafts.browser import view
from drafts.draft_helpers import move_to
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.page_helpers import DraftPageTestCase
from unittest import mock


class TestFoldedPage(DraftPageTestCase):
    def setUp(self):
        super().setUp()
        move_to(self.draft, "round_open")
        for number in range(3):
            posted = self.post(
                PARTICIPANT, paragraph=self.pids[1], text=f"Folded {number}."
            )
            self.assertEqual(posted.status_code, 204, posted.text)
        self.assertEqual(self.post(SECRETARIAT, text="General one.").status_code, 204)
        patch = mock.patch.object(view, "FOLD_OVER", 2)
        patch.start()
        self.addCleanup(patch.stop)

    def test_threads_fold_behind_a_count(self):
        contents = self.page(PARTICIPANT).contents
        block = self.block(contents, self.pids[1])
        self.assertNotIn("Folded 0.", contents)
        self.assertIn("Show the 3 comments on paragraph 2", block)
        self.assertIn('data-folded="1"', block)
        self.assertIn(f"?show={self.pids[1]}#{self.pids[1]}", block)
        self.assertIn("General one.", contents)
        self.assertIn("Show the ${count} comments on paragraph ${number}", contents)

    def test_one_paragraph_shown_without_scripts(self):
        contents = self.page(PARTICIPANT, query=f"?show={self.pids[1]}").contents
        block = self.block(contents, self.pids[1])
        for number in range(3):
            self.assertIn(f"Folded {number}.", block)
        self.assertNotIn("data-folded", block)
        self.assertIn("General one.", contents)

    def test_below_the_limit_nothing_folds(self):
        with mock.patch.object(view, "FOLD_OVER", 100):
            contents = self.page(PARTICIPANT).contents
        self.assertIn("Folded 2.", contents)
        self.assertNotIn("draft-show-comments", contents)
