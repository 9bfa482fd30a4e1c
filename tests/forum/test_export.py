"""Exports of a forum's comments (CSV, XLSX, DOCX) and its print view with
comments: threads, visibility and who may export."""

from forum.helpers import ForumTestCase
from plone import api
from portal_helpers import assert_page
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestExport(ForumTestCase):
    def setUp(self):
        super().setUp()
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        for data in (
            {"text": '=HYPERLINK("x") Baselines first.', "guiding_question": 2},
            {"text": "Hidden one."},
        ):
            self.assertEqual(session.post(base, json=data).status_code, 204)
        transaction.begin()
        first, hidden = self.comments("monitoring")
        self.assertEqual(
            session.post(
                f"{base}/{first.comment_id}", json={"text": "Réponse: d'accord."}
            ).status_code,
            204,
        )
        transaction.begin()
        hidden = self.comments("monitoring")[1]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(hidden, transition="recall")
        transaction.commit()
        self.export = f"{self.forum_url}/monitoring/@@export-comments"

    def get(self, fmt, login="editor"):
        session = rest_session(self.portal.absolute_url(), login)
        session.headers["Accept"] = "*/*"
        return session.get(self.export, params={"format": fmt}, allow_redirects=False)

    def test_csv_threads_and_visibility(self):
        import csv
        import io

        response = self.get("csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response.headers["Content-Type"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][3], "Guiding question")
        texts = [r[9] for r in rows[1:]]
        self.assertEqual(
            texts, ['\'=HYPERLINK("x") Baselines first.', "Réponse: d'accord."]
        )
        self.assertEqual([r[2] for r in rows[1:]], ["0", "1"])
        self.assertEqual(rows[1][3], "2. What should change?")

    def test_xlsx(self):
        from openpyxl import load_workbook
        import io

        response = self.get("xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(
            values, ['\'=HYPERLINK("x") Baselines first.', "Réponse: d'accord."]
        )
        # The text column wraps, and a reply is indented on its own line.
        texts = [row[-1] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(texts[1].value, "Réponse: d'accord.")
        self.assertEqual([cell.alignment.indent for cell in texts], [0, 2])
        self.assertTrue(all(cell.alignment.wrap_text for cell in texts))

    def test_docx(self):
        from docx import Document
        import io

        response = self.get("docx")
        self.assertEqual(response.status_code, 200)
        text = "\n".join(
            p.text for p in Document(io.BytesIO(response.content)).paragraphs
        )
        self.assertIn("Réponse: d'accord.", text)
        self.assertNotIn("Hidden one.", text)

    def test_bad_format_400(self):
        self.assertEqual(self.get("pdf").status_code, 400)

    def test_members_cannot_export(self):
        for login in (None, "member"):
            response = self.get("csv", login)
            # Anonymous is sent to the login form, a member is refused.
            self.assertIn(response.status_code, (302, 401, 403), login)
            self.assertNotIn(b"Baselines", response.content)

    def test_link_on_the_page_for_editors_only(self):
        browser = self.browser("editor")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("@@export-comments?format=xlsx", browser.contents)
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        assert_page(self, browser, "Monitoring and evaluation", "form.widgets.text")
        self.assertNotIn("@@export-comments", browser.contents)


class TestPrintComments(ForumTestCase):
    def test_print_with_comments_follows_threads_and_visibility(self):
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        session.post(base, json={"text": "First thread."})
        session.post(base, json={"text": "Second thread."})
        transaction.begin()
        first, second = self.comments("monitoring")
        session.post(f"{base}/{first.comment_id}", json={"text": "Reply to first."})
        session.post(f"{base}/{second.comment_id}", json={"text": "Reply to second."})
        transaction.begin()
        second = self.comments("monitoring")[1]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(second, transition="recall")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.forum_url}/@@forum-print?comments=1")
        html = assert_page(self, browser, "First thread.", "Reply to first.")
        self.assertLess(html.index("First thread."), html.index("Reply to first."))
        self.assertNotIn("Second thread.", html)
        self.assertNotIn("Reply to second.", html)
