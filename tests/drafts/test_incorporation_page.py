"""Issue 22, Behaviour 4 on the Classic UI: ``@@incorporate`` lists the
round's comments by paragraph with their proposed wording as a tracked
change, saves dispositions and responses (with the form's authenticator)
and applies a suggestion; ``@@comments-export`` gives the compiled file;
``@@responses`` shows the comments-and-responses table to the round's
people once the next round is open."""

from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.incorporation_helpers import IncorporationTestCase
from drafts.incorporation_helpers import SCRIPT
from portal_helpers import assert_page
from portal_helpers import assert_refused_page
from portal_helpers import page_browser
import transaction


class TestIncorporatePage(IncorporationTestCase):
    def browser(self, login=LEAD, language="en"):
        browser = page_browser(self.layer["app"], login, language)
        browser.open(f"{self.draft.absolute_url()}/@@incorporate")
        return browser

    def test_comments_by_paragraph_with_tracked_changes(self):
        browser = self.browser()
        html = assert_page(
            self,
            browser,
            "Incorporate the comments of round",
            "Paragraph 2",
            "Parties shall report every year on their capacity needs.",
            "Ana Pérez, SEMARNAT, Mexico",
            "Too often.",
            "Apply suggestion",
            "Accepted in part",
            "Whole draft",
            "@@comments-export?format=docx",
        )
        self.assertIn("two years</ins> on their capacity needs.", html)
        self.assertIn("Parties shall report every <del", html)
        self.assertLess(html.index("Paragraph 2"), html.index("Paragraph 3"))
        self.assertLess(html.index("Paragraph 3"), html.index("Whole draft"))
        # A reply gets no disposition of its own.
        self.assertIn(f'name="disposition.{self.ids["words"]}"', html)
        self.assertNotIn(f'name="disposition.{self.ids["reply"]}"', html)

    def test_in_spanish(self):
        assert_page(
            self,
            self.browser(language="es"),
            "Aceptado en parte",
            "Aplicar la sugerencia",
        )

    def test_save_dispositions_and_filter(self):
        browser = self.browser()
        words = self.ids["words"]
        browser.getControl(name=f"disposition.{words}").value = ["not_accepted"]
        browser.getControl(name=f"response.{words}").value = "Kept as it is."
        browser.getControl("Save dispositions").click()
        assert_page(self, browser, "Dispositions saved.")
        comment = self.conversation_comment("words")
        self.assertEqual(comment.disposition, "not_accepted")
        self.assertEqual(comment.response, "Kept as it is.")
        browser.open(f"{self.draft.absolute_url()}/@@incorporate?without=1")
        html = assert_page(self, browser, "Publish them.")
        self.assertNotIn("Too often.", html)

    def test_apply_a_suggestion(self):
        browser = self.browser()
        browser.getControl("Apply suggestion", index=0).click()
        assert_page(self, browser, "The suggestion was written into paragraph 2.")
        transaction.begin()
        self.assertIn("report every two years on", self.draft.text.raw)
        self.assertEqual(self.conversation_comment("words").disposition, "accepted")

    def test_a_changed_paragraph_shows_why_and_changes_nothing(self):
        browser = self.browser()
        comment = self.conversation_comment("words")
        comment.quote = "not in the paragraph"
        transaction.commit()
        browser.getControl(name=f"response.{self.ids['whole']}").value = "Lost."
        browser.getControl("Apply suggestion", index=0).click()
        assert_page(self, browser, "apply the suggestion by hand")
        transaction.begin()
        self.assertIn("every year", self.draft.text.raw)
        self.assertIsNone(getattr(self.conversation_comment("whole"), "response", None))

    def test_a_post_without_the_authenticator_is_refused(self):
        browser = page_browser(self.layer["app"], LEAD)
        browser.post(
            f"{self.draft.absolute_url()}/@@incorporate",
            f"disposition.{self.ids['words']}=noted",
        )
        self.assertEqual(browser.headers["status"].split()[0], "403")
        transaction.begin()
        comment = self.conversation_comment("words")
        self.assertIsNone(getattr(comment, "disposition", None))

    def test_a_bad_disposition_is_refused_and_nothing_kept(self):
        browser = self.browser()
        token = browser.getControl(name="_authenticator").value
        words, whole = self.ids["words"], self.ids["whole"]
        browser.post(
            f"{self.draft.absolute_url()}/@@incorporate",
            f"_authenticator={token}&disposition.{whole}=noted"
            f"&disposition.{words}=maybe&disposition.{words}=noted",
        )
        assert_page(self, browser, "Choose one of accepted")
        transaction.begin()
        for key in ("words", "whole"):
            comment = self.conversation_comment(key)
            self.assertIsNone(getattr(comment, "disposition", None), key)

    def test_script_is_shown_as_text(self):
        comment = self.conversation_comment("whole")
        comment.text = SCRIPT
        comment.suggestion = SCRIPT
        transaction.commit()
        html = assert_page(self, self.browser(), "&lt;script&gt;")
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<b>bold</b>", html)

    def test_the_export_link(self):
        browser = page_browser(self.layer["app"], SECRETARIAT)
        browser.open(f"{self.draft.absolute_url()}/@@comments-export?format=csv")
        self.assertEqual(browser.headers["Cache-Control"], "private, no-store")
        self.assertIn("Ana Pérez", browser.contents)
        browser.open(f"{self.draft.absolute_url()}/@@comments-export?format=pdf")
        assert_page(self, browser, "docx, xlsx or csv", status=400)


class TestResponsesPage(IncorporationTestCase):
    def setUp(self):
        super().setUp()
        answer = {"disposition": "noted", "response": "Thank you."}
        response = self.rest(LEAD).patch(f"{self.url}/{self.ids['words']}", json=answer)
        self.assertEqual(response.status_code, 204, response.text)

    def open(self, login, query="?round=1"):
        browser = page_browser(self.layer["app"], login)
        browser.open(f"{self.draft.absolute_url()}/@@responses{query}")
        return browser

    def test_the_lead_and_the_secretariat_read_it_at_once(self):
        for login in (LEAD, SECRETARIAT):
            html = assert_page(
                self,
                self.open(login),
                "Comments and responses of round",
                '<table class="draft-responses">',
                "<td>Noted</td><td>Thank you.</td>",
            )
            self.assertNotIn("Why?", html)  # replies are left out

    def test_participants_once_the_next_round_is_open(self):
        assert_refused_page(self, self.open(PARTICIPANT), PARTICIPANT)
        open_a_round(self.draft)
        assert_page(self, self.open(PARTICIPANT), "<td>Noted</td><td>Thank you.</td>")
        assert_page(self, self.open(PARTICIPANT, ""), "responses of round")
        assert_refused_page(self, self.open(PARTICIPANT, "?round=2"), PARTICIPANT)
        for login in (None, OUTSIDER):
            assert_refused_page(self, self.open(login), login)

    def test_unknown_round(self):
        assert_page(
            self, self.open(LEAD, "?round=7"), "no comments-and-responses", status=404
        )

    def test_script_in_the_table_is_text(self):
        comment = self.conversation_comment("whole")
        comment.text = SCRIPT
        comment.suggestion = SCRIPT
        comment.response = SCRIPT
        transaction.commit()
        html = assert_page(self, self.open(LEAD), "&lt;script&gt;")
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<b>bold</b>", html)
