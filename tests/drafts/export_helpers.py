"""Fixtures of the compiled-comments export tests: rows of a small round
and readers that open the produced files with the libraries a recipient's
program would use (csv, openpyxl, python-docx)."""

from collab.portal.drafts.export import ExportHeader
from collab.portal.drafts.export import ExportRow
from datetime import datetime
from datetime import timedelta
from datetime import UTC
import csv
import io
import zipfile


WHEN = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)
HEADER = ExportHeader(
    title="Draft resolution on reporting",
    round_number=2,
    deadline=datetime(2030, 3, 20, 18, 0, tzinfo=UTC),
    language="fr",
)

P3 = "The Parties shall report every two years."
P7 = "The secretariat shall compile the reports."


def round_row(**values):
    """A comment on paragraph 3 by a Spanish delegate, with ``values``
    changed."""
    base = {
        "paragraph_number": "3",
        "paragraph_text": P3,
        "kind": "comment",
        "text": "Every year would be better.",
        "author": "Ana Pérez",
        "organisation": "Ministry of Environment",
        "country": "ES",
        "date": WHEN,
    }
    base.update(values)
    return ExportRow(**base)


def round_rows():
    """Paragraph 3: a comment with its disposition and a reply, then a
    suggestion; paragraph 7: a comment; the whole draft: a general
    comment; a removed paragraph 9: an orphaned comment."""
    return [
        round_row(disposition="accepted_in_part", response="Kept at two years, see 3."),
        round_row(
            kind="reply",
            depth=1,
            text="We agree with Spain.",
            author="Li Wei",
            organisation="NDRC",
            country="CN",
            date=WHEN + timedelta(hours=1),
        ),
        round_row(
            kind="suggestion",
            text="Clearer wording.",
            suggestion="The Parties shall report every year.",
            author="Amina Haddad",
            organisation="Ministère de l'environnement",
            country="MA",
            disposition="accepted",
        ),
        round_row(
            paragraph_number="7",
            paragraph_text=P7,
            text="Which reports?",
            disposition="noted",
        ),
        round_row(paragraph_number="", paragraph_text="", text="Thank you all."),
        round_row(
            paragraph_number="9",
            paragraph_text="A paragraph that was deleted.",
            orphaned=True,
            text="Delete this.",
            disposition="not_accepted",
        ),
    ]


def read_csv(data):
    """The CSV's lines as lists of cells; the BOM is checked and removed."""
    assert data.startswith("\ufeff".encode()), data[:10]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data):
    """The only sheet, and its lines as tuples of values."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    return sheet, [tuple(line) for line in sheet.iter_rows(values_only=True)]


def read_docx(data):
    """The document's paragraphs as ``(style name, text)``."""
    from docx import Document

    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def docx_xml(data):
    """The raw XML of the document's body."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def xlsx_sheet_xml(data):
    """The raw XML of the first sheet (where formulas would be stored)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode("utf-8")
