"""A host's comments for the person who writes the summary: CSV, XLSX,
DOCX. Rows follow the threads (replies right under what they answer, with
their depth) and hold only what the exporting user may see; the policy's
fields (``comments.fields``) get a column each, after the depth."""

from collab.portal import _
from collab.portal.clock import as_utc
from collab.portal.comments.authors import author_details
from collab.portal.comments.batching import visible_threads
from collab.portal.comments.fields import comment_fields
from collab.portal.comments.fields import stored
from collab.portal.comments.text import writable
from io import BytesIO
from io import StringIO
from plone.app.discussion.interfaces import IConversation
from zope.i18n import translate
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

BEFORE_FIELDS = (
    ("comment", _("Comment")),
    ("reply_to", _("Reply to")),
    ("depth", _("Depth")),
)
AFTER_FIELDS = (
    ("author", _("Author")),
    ("organisation", _("Organisation")),
    ("country", _("Country")),
    ("date", _("Date")),
    ("language", _("Language")),
    ("text", _("Text")),
)


def columns(host):
    """``(key, header)`` of every column, the text last."""
    fields = tuple((field.name, field.header) for field in comment_fields(host))
    return BEFORE_FIELDS + fields + AFTER_FIELDS


def headers(host, request):
    return [translate(header, context=request) for _key, header in columns(host)]


def export_rows(host):
    """Rows of plain values; text stored before control characters were
    dropped on the way in is cleaned here, so the export never fails."""
    for row in _rows(host):
        yield {key: writable(value) for key, value in row.items()}


def _rows(host):
    fields = comment_fields(host)
    for thread in visible_threads(IConversation(host)):
        comment = thread["comment"]
        details = author_details(comment)
        row = {
            "comment": comment.comment_id,
            "reply_to": comment.in_reply_to or "",
            "depth": thread["depth"],
            "author": comment.author_name or comment.author_username or "",
            "organisation": details["author_organisation"] or "",
            "country": details["author_country_name"] or "",
            "date": as_utc(comment.creation_date).strftime("%Y-%m-%d %H:%M UTC"),
            "language": getattr(comment, "language", "") or "",
            "text": comment.text or "",
        }
        for field in fields:
            row[field.name] = field.text(host, stored(comment, field)) or ""
        yield row


def to_csv(host, headers):
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    keys = [key for key, _header in columns(host)]
    for row in export_rows(host):
        writer.writerow([spreadsheet_safe(row[key]) for key in keys])
    # A BOM so that spreadsheet programs read the accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(host, headers):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Comments"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    keys = [key for key, _header in columns(host)]
    # The line number counted here: ``sheet.max_row`` scans every cell.
    for number, row in enumerate(export_rows(host), start=2):
        sheet.append([spreadsheet_safe(row[key]) for key in keys])
        text = sheet.cell(row=number, column=len(keys))
        text.alignment = Alignment(wrap_text=True, indent=min(row["depth"] * 2, 15))
    sheet.column_dimensions[get_column_letter(len(keys))].width = 80
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def spreadsheet_safe(value):
    """A text starting with = (or +, -, @, a tab or a carriage return) is
    run as a formula by spreadsheet programs opening the CSV or XLSX: a
    member could plant a link that exfiltrates data. A leading apostrophe
    keeps it text (OWASP's advice for CSV injection). Public: every
    spreadsheet a feature writes from what people typed (a draft's
    compiled comments) passes its cells through here."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_docx(host, headers):
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading(writable(host.title), level=1)
    fields = [field.name for field in comment_fields(host)]
    for row in export_rows(host):
        meta = ", ".join(
            row[key]
            for key in ("author", "organisation", "country", "date", *fields)
            if row[key]
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
