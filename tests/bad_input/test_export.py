"""Bad export formats, and control characters that must not reach an
export."""

from bad_input.helpers import BadInputTestCase
from bad_input.helpers import in_language
from bad_input.helpers import InputsTestCase
from collab.portal import _
from forum.helpers import make_forum
from io import BytesIO
from plone.app.discussion.interfaces import IConversation
import transaction


class TestExportFormat(BadInputTestCase):
    """``@@export-comments?format=…`` on the page and for REST clients."""

    def test_unknown_format(self):
        message = _("unknown_export_format", default="Export as csv, xlsx or docx.")
        session = self.session("editor", "fr")
        for fmt in ("pdf", "", "CSV"):
            with self.subTest(fmt=fmt):
                response = session.get(
                    f"{self.group_url}/@@export-comments", params={"format": fmt}
                )
                self.assert_error(response, 400, message, "fr")
        es_group = make_forum(self.portal["es"])["monitoring"]
        transaction.commit()
        browser = self.browser("editor", "es")
        browser.open(f"{es_group.absolute_url()}/@@export-comments?format=pdf")
        self.assertEqual(self.status(browser), 400)
        self.assertIn(in_language(message, "es"), browser.contents)


CONTROL = "A\x00b\x01c\x0bd\x0ce\x1bf"


class TestControlCharacters(InputsTestCase):
    """Point 8: dropped on the way in, cleaned on the way out."""

    def test_dropped_from_rest_and_page(self):
        response = self.session("member2").post(
            f"{self.group_url}/@comments", json={"text": "REST " + CONTROL}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.form_post(
            "member2",
            self.group_url,
            {"form.widgets.text": "Page " + CONTROL, "form.buttons.comment": "x"},
        )
        texts = self.texts()
        self.assertIn("REST Abcdef", texts)
        self.assertIn("Page Abcdef", texts)
        mine = [
            c
            for c in IConversation(self.group).getComments()
            if c.text == "REST Abcdef"
        ][0]
        response = self.session("member2").patch(
            f"{self.group_url}/@comments/{mine.comment_id}",
            json={"text": "Edited " + CONTROL},
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertIn("Edited Abcdef", self.texts())

    def test_exports_of_stored_text(self):
        """Comments stored before the cleaning (written directly) still
        export as XLSX and DOCX."""
        from docx import Document
        from openpyxl import load_workbook

        IConversation(self.group)[self.public].text = "Old " + CONTROL
        transaction.commit()
        session = self.session("editor", "en")
        url = f"{self.group_url}/@@export-comments"
        xlsx = session.get(url, params={"format": "xlsx"})
        self.assertEqual(xlsx.status_code, 200, xlsx.text[:300])
        cells = [
            c.value
            for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows()
            for c in row
        ]
        self.assertIn("Old Abcdef", cells)
        docx = session.get(url, params={"format": "docx"})
        self.assertEqual(docx.status_code, 200, docx.text[:300])
        paragraphs = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
        self.assertIn("Old Abcdef", paragraphs)
        csv = session.get(url, params={"format": "csv"})
        self.assertEqual(csv.status_code, 200)
        self.assertIn("Old Abcdef", csv.content.decode("utf-8-sig"))
