"""The draft's page (issue 22, Behaviour 3): numbered blocks, how many
comments each has, a "Comment" button where the reader may comment now,
threads under their paragraph with attribution, general comments,
comments on removed text, suggestions as tracked changes, and the
comment form of plone.app.discussion posting through the engine."""

from drafts.draft_helpers import LEAD
from drafts.draft_helpers import move_to
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.page_helpers import DraftPageTestCase
from drafts.page_helpers import give_participant_role
from drafts.page_helpers import make_draft_in
from drafts.page_helpers import SECOND
from drafts.page_helpers import sign
from drafts.page_helpers import transition
from portal_helpers import assert_page
from portal_helpers import page_browser
import transaction


class TestNumbersAndCounts(DraftPageTestCase):
    def setUp(self):
        super().setUp()
        move_to(self.draft, "round_open")
        for text in ("First on two.", "Second on two."):
            posted = self.post(PARTICIPANT, paragraph=self.pids[1], text=text)
            self.assertEqual(posted.status_code, 204, posted.text)

    def test_each_block_has_its_number_count_and_button(self):
        contents = assert_page(self, self.page(PARTICIPANT), "Capacity building")
        for number, pid in enumerate(self.pids, start=1):
            block = self.block(contents, pid)
            self.assertIn(f'<span class="draft-number">{number}</span>', block)
            self.assertIn(f"Comment on paragraph {number}</button>", block)
            self.assertIn('aria-controls="draft-comment-form"', block)
            self.assertIn('aria-expanded="false"', block)
        self.assertIn("Comments on paragraph 2: 2", self.block(contents, self.pids[1]))
        self.assertIn("Comments on paragraph 1: 0", self.block(contents, self.pids[0]))
        self.assertIn("First on two.", self.block(contents, self.pids[1]))
        self.assertNotIn("First on two.", self.block(contents, self.pids[2]))
        # The heading stays a heading, the paragraph a paragraph.
        self.assertIn("<h2>Capacity building</h2>", contents)
        self.assertIn('id="draft-live"', contents)

    def test_the_page_script_polls_with_translated_words(self):
        spanish = make_draft_in(self.portal, "es")
        browser = page_browser(self.layer["app"], PARTICIPANT, "es")
        browser.open(spanish.absolute_url())
        contents = assert_page(self, browser, "++plone++collab.portal.drafts/drafts.js")
        self.assertIn('aria-live="polite"', contents)
        self.assertIn("nuevos comentarios sobre el párrafo ${number}", contents)
        self.assertIn("Comentar el párrafo 2", contents)
        script = self.page(PARTICIPANT)
        script.open(
            f"{self.portal.absolute_url()}/++plone++collab.portal.drafts/drafts.js"
        )
        source = script.contents
        source = source.decode() if isinstance(source, bytes) else source
        self.assertIn("If-None-Match", source)
        self.assertIn("@comments?paragraph=", source)

    def test_the_engines_comment_list_is_not_shown_twice(self):
        contents = assert_page(self, self.page(PARTICIPANT), "First on two.")
        self.assertEqual(contents.count("First on two."), 1)
        self.assertNotIn('class="pat-discussion"', contents)


class TestThreads(DraftPageTestCase):
    def setUp(self):
        super().setUp()
        give_participant_role(self.draft, SECOND)
        sign(PARTICIPANT, "Ana Pérez", "SEMARNAT", "MX")
        sign(SECOND, "Jean Dupont", "Ministère de l'écologie", "FR")
        move_to(self.draft, "round_open")
        posted = self.post(
            PARTICIPANT,
            paragraph=self.pids[2],
            quote="shall compile",
            text="Too strong <script>alert('text')</script>",
            suggestion="should compile <script>alert('wording')</script>",
        )
        self.assertEqual(posted.status_code, 204, posted.text)
        top = self.comment_id("Too strong <script>alert('text')</script>")
        reply = self.post(SECOND, text="Agreed.", in_reply_to=str(top))
        self.assertEqual(reply.status_code, 204, reply.text)
        general = self.post(SECRETARIAT, text="Thanks to everyone.")
        self.assertEqual(general.status_code, 204, general.text)
        self.top = top

    def test_threads_with_attribution_and_replies(self):
        contents = assert_page(self, self.page(SECOND), "Agreed.")
        block = self.block(contents, self.pids[2])
        self.assertIn("Ana Pérez, SEMARNAT (Mexico)", block)
        self.assertIn("Jean Dupont, Ministère de l'écologie (France)", block)
        self.assertIn("«shall compile»", block)
        self.assertLess(block.index("Too strong"), block.index("Agreed."))
        self.assertIn('class="draft-comment draft-depth-1"', block)
        self.assertIn("Reply to Ana Pérez", block)
        self.assertIn("Comments on paragraph 3: 2", block)

    def test_a_general_comment_on_the_whole_draft(self):
        contents = assert_page(self, self.page(PARTICIPANT), "General comments")
        general = contents[contents.index('id="draft-general-heading"') :]
        self.assertIn("Thanks to everyone.", general)
        for pid in self.pids:
            self.assertNotIn("Thanks to everyone.", self.block(contents, pid))

    def test_a_suggestion_is_a_tracked_change_and_nothing_runs(self):
        contents = assert_page(self, self.page(LEAD), "Proposed wording")
        block = self.block(contents, self.pids[2])
        self.assertIn(
            '<del class="draft-diff-delete"><span class="visually-hidden">'
            "deleted text: </span>shall</del>",
            block,
        )
        self.assertIn(
            '<ins class="draft-diff-insert"><span class="visually-hidden">'
            "inserted text: </span>should</ins>",
            block,
        )
        self.assertIn("&lt;script&gt;alert('wording')", block)
        self.assertIn("&lt;script&gt;alert(", block[: block.index("Proposed wording")])
        self.assertNotIn("<script>alert", contents)

    def test_plain_text_is_shown_as_plones_transform_shows_it(self):
        posted = self.post(PARTICIPANT, text="Two lines:\nsecond & <b>last</b>.")
        self.assertEqual(posted.status_code, 204, posted.text)
        [comment] = [c for c in self.comments() if c.text.startswith("Two lines")]
        self.assertEqual(comment.mime_type, "text/plain")
        shown = "<p>Two lines:<br />second &amp; &lt;b&gt;last&lt;/b&gt;.</p>"
        plone = comment.getText().replace("<br>", "<br />").replace("<br/>", "<br />")
        self.assertEqual(plone, shown)
        assert_page(self, self.page(PARTICIPANT), shown)

    def test_without_scripts_comment_opens_the_form_under_its_paragraph(self):
        browser = self.page(PARTICIPANT, query=f"?comment_on={self.pids[1]}")
        contents = assert_page(self, browser, "Comment on paragraph 2</legend>")
        block = self.block(contents, self.pids[1])
        self.assertIn('id="draft-comment-form"', block)
        self.assertIn('aria-expanded="true"', block)
        self.assertIn(f'name="form.widgets.paragraph" value="{self.pids[1]}"', block)
        self.submit(browser, paragraph=self.pids[1], text="Posted from the page.")
        self.assertEqual(self.status(browser), 200)
        [comment] = [c for c in self.comments() if c.text == "Posted from the page."]
        self.assertEqual(comment.paragraph, self.pids[1])
        self.assertEqual(comment.author_organisation, "SEMARNAT")
        self.assertIn(
            "Posted from the page.", self.block(browser.contents, self.pids[1])
        )

    def test_without_scripts_reply_opens_the_form_for_that_comment(self):
        browser = self.page(SECOND, query=f"?reply_to={self.top}")
        assert_page(self, browser, "Reply</legend>")
        self.assertIn(
            f'name="form.widgets.in_reply_to" value="{self.top}"', browser.contents
        )
        self.submit(browser, in_reply_to=str(self.top), text="A reply from the page.")
        [reply] = [c for c in self.comments() if c.text == "A reply from the page."]
        self.assertEqual(reply.in_reply_to, self.top)
        self.assertEqual(reply.paragraph, self.pids[2])

    def test_a_quote_not_in_the_paragraph_stores_nothing(self):
        browser = self.page(PARTICIPANT, query=f"?comment_on={self.pids[1]}")
        assert_page(self, browser, "Comment on paragraph 2</legend>")
        before = len(self.comments())
        self.submit(
            browser,
            paragraph=self.pids[1],
            quote="not in this paragraph",
            text="Misplaced.",
        )
        self.assertEqual(self.status(browser), 400)
        self.assertEqual(len(self.comments()), before)


class TestRemovedTextAndAnswers(DraftPageTestCase):
    def setUp(self):
        super().setUp()
        move_to(self.draft, "round_open")
        for pid, text in ((self.pids[2], "On the last one."), (self.pids[1], "Keep.")):
            posted = self.post(
                PARTICIPANT, paragraph=pid, text=text, suggestion="Shorter."
            )
            self.assertEqual(posted.status_code, 204, posted.text)
        transition(self.draft, "close_round")
        transaction.begin()
        kept = self.comment_id("Keep.")
        answered = self.rest(LEAD).patch(
            f"{self.url}/{kept}", json={"disposition": "noted", "response": "Seen."}
        )
        self.assertEqual(answered.status_code, 204, answered.text)
        transaction.begin()
        body = self.draft.text.raw
        body = body[: body.index(f'<p id="{self.pids[2]}"')]  # the last one goes
        edited = self.rest(LEAD).patch(
            self.draft.absolute_url(),
            json={"text": {"data": body, "content-type": "text/html"}},
        )
        self.assertEqual(edited.status_code, 204, edited.text)

    def test_removed_text_keeps_its_comments_with_the_text(self):
        contents = assert_page(self, self.page(PARTICIPANT), "Comments on removed text")
        orphaned = contents[contents.index('id="draft-orphaned-heading"') :]
        self.assertIn("On the last one.", orphaned)
        self.assertIn(
            "The secretariat shall compile the reports for the next meeting.",
            orphaned,
        )
        self.assertNotIn(f'id="{self.pids[2]}"', contents)

    def test_disposition_and_response_are_shown(self):
        contents = assert_page(self, self.page(PARTICIPANT), "Keep.")
        block = self.block(contents, self.pids[1])
        self.assertIn("<strong>Noted</strong>", block)
        self.assertIn("Seen.", block)
        # incorporating: read, no more comments
        self.assertNotIn("draft-comment-button", contents)
        self.assertNotIn('id="draft-comment-form"', contents)
