"""A group's comments for the person who writes the summary: CSV, XLSX,
DOCX. Rows follow the threads (replies right under what they answer, with
their depth) and hold only what the exporting user may see."""

from collab.portal.clock import as_utc
from collab.portal.comments.authors import author_details
from collab.portal.comments.batching import visible_threads
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.text import writable
from io import BytesIO
from io import StringIO
from plone.app.discussion.interfaces import IConversation
import csv


FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}

COLUMNS = (
    "comment",
    "reply_to",
    "depth",
    "question",
    "author",
    "organisation",
    "country",
    "date",
    "language",
    "text",
)


def export_rows(group):
    """Rows of plain values; text stored before control characters were
    dropped on the way in is cleaned here, so the export never fails."""
    for row in _rows(group):
        yield {key: writable(value) for key, value in row.items()}


def _rows(group):
    for thread in visible_threads(IConversation(group)):
        comment = thread["comment"]
        number = getattr(comment, "guiding_question", None)
        question = ICommentPolicy(group).question(number) if number else None
        details = author_details(comment)
        yield {
            "comment": comment.comment_id,
            "reply_to": comment.in_reply_to or "",
            "depth": thread["depth"],
            "question": f"{number}. {question}" if question else "",
            "author": comment.author_name or comment.author_username or "",
            "organisation": details["author_organisation"] or "",
            "country": details["author_country_name"] or "",
            "date": as_utc(comment.creation_date).strftime("%Y-%m-%d %H:%M UTC"),
            "language": getattr(comment, "language", "") or "",
            "text": comment.text or "",
        }


def to_csv(group, headers):
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in export_rows(group):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    # A BOM so that spreadsheet programs read the accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(group, headers):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Comments"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(group):
        sheet.append([_cell(row[c]) for c in COLUMNS])
        text = sheet.cell(row=sheet.max_row, column=len(COLUMNS))
        text.alignment = Alignment(wrap_text=True, indent=min(row["depth"] * 2, 15))
    sheet.column_dimensions["J"].width = 80
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    """A text starting with = (or +, -, @, a tab or a carriage return) is
    run as a formula by spreadsheet programs opening the CSV or XLSX: a
    member could plant a link that exfiltrates data. A leading apostrophe
    keeps it text (OWASP's advice for CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_docx(group, headers):
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading(writable(group.title), level=1)
    for row in export_rows(group):
        meta = ", ".join(
            part
            for part in (
                row["author"],
                row["organisation"],
                row["country"],
                row["date"],
                row["question"],
            )
            if part
        )
        heading = document.add_paragraph()
        heading.add_run(meta).bold = True
        body = document.add_paragraph(row["text"])
        for paragraph in (heading, body):
            paragraph.paragraph_format.left_indent = Cm(1.0 * row["depth"])
    out = BytesIO()
    document.save(out)
    return out.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "docx": to_docx}
