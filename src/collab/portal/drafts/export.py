"""A round's compiled comments as CSV, XLSX and DOCX, and the published
comments-and-responses table of a round (issue 22, Behaviours 6 and 4).

The input is plain rows (``ExportRow``), one per comment, built by the
caller from what the exporting reader may see, in the order they are to
appear: by paragraph, each thread depth-first (replies right under what
they answer, with their depth), as ``comments.batching.visible_threads``
lists a conversation. This module reads no comment, catalogue or
permission: choosing the rows is the policy's and the service's work, and
one row model serves the three files, the page's table and their tests.

Every value is written as text the reader wrote, never as markup or a
formula: characters that XML cannot hold are dropped
(``comments.text.writable``), spreadsheet cells that would run as a
formula get a leading apostrophe (``comments.export.spreadsheet_safe``),
DOCX runs and the HTML table are escaped. Labels and headers are in the
export's language, and so are country names
(``vocabularies.countries``) and dates (``dates.format_date``).
"""

from collab.portal import _
from collab.portal.comments.export import FORMATS
from collab.portal.comments.export import spreadsheet_safe
from collab.portal.comments.text import writable
from collab.portal.dates import format_date
from collab.portal.drafts.vocabularies import DISPOSITION_TITLES
from collab.portal.vocabularies.countries import country_name
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import replace
from datetime import datetime
from html import escape
from io import BytesIO
from io import StringIO
from zope.i18n import translate
import csv


KINDS = {
    "comment": _("Comment"),
    "reply": _("drafts_kind_reply", default="Reply"),
    "suggestion": _("drafts_kind_suggestion", default="Suggestion"),
}

COLUMNS = (
    ("paragraph", _("Paragraph")),
    ("paragraph_text", _("Paragraph text")),
    ("kind", _("Kind")),
    ("depth", _("Depth")),
    ("text", _("Text")),
    ("suggestion", _("Proposed wording")),
    ("author", _("Author")),
    ("organisation", _("Organisation")),
    ("country", _("Country")),
    ("date", _("Date")),
    ("disposition", _("Disposition")),
    ("response", _("Response")),
)

# The page's table: the comments (not the replies) with their answers.
TABLE_COLUMNS = (
    ("paragraph", _("Paragraph")),
    ("text", _("Comment")),
    ("author", _("Author")),
    ("date", _("Date")),
    ("disposition", _("Disposition")),
    ("response", _("Response")),
)

WHOLE_DRAFT = _("drafts_export_whole_draft", default="Whole draft")
REMOVED_TEXT = _("drafts_export_removed_text", default="Removed text")
NO_COMMENTS = _(
    "drafts_export_no_comments", default="No comments were made in this round."
)
TABLE_CAPTION = _("drafts_responses_caption", default="Comments and responses")
PROPOSED = _("drafts_export_proposed_label", default="Proposed wording:")
DISPOSITION = _("drafts_export_disposition_label", default="Disposition:")
RESPONSE = _("drafts_export_response_label", default="Response:")


class InvalidExport(ValueError):
    """A row, header or format the export cannot write; ``message`` says
    which (a translatable message: translate it with the request). Raised
    before anything is written, so no file is ever half made."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _text_or_none(record, names):
    """The fields ``names`` of a frozen row or header: None becomes "",
    anything but text is refused (before anything is written)."""
    for name in names:
        value = getattr(record, name)
        if value is None:
            object.__setattr__(record, name, "")
        elif not isinstance(value, str):
            raise InvalidExport(
                _(
                    "drafts_export_not_text",
                    default="A row of the export holds a value that is not "
                    "text in ${field}.",
                    mapping={"field": name},
                )
            )


def _shown(value):
    """A value as it may appear in an error message: short."""
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass(frozen=True)
class ExportRow:
    """One comment, reply or suggestion of a round, as the exports write it.

    ``paragraph_number`` is the visible number ("3", "F1" for a footnote),
    "" for a general comment on the whole draft; ``orphaned`` marks a
    comment whose paragraph was deleted (``paragraph_text`` is then the
    text it was made on, ``paragraph_number`` the former number, if any).
    ``country`` is an ISO 3166 alpha-2 code, named in the export's
    language; ``date`` is time-zone aware; ``disposition`` a key of
    ``vocabularies.DISPOSITIONS``, or "" for a comment not answered yet
    (and every reply: only comments get one); ``depth`` 0 for a comment,
    1 and more for replies. Text fields take None as ""."""

    paragraph_number: str
    paragraph_text: str
    kind: str
    text: str
    author: str = ""
    organisation: str = ""
    country: str = ""
    date: datetime | None = None
    suggestion: str = ""
    disposition: str = ""
    response: str = ""
    depth: int = 0
    orphaned: bool = False

    def __post_init__(self):
        number = self.paragraph_number
        if isinstance(number, int) and not isinstance(number, bool):
            object.__setattr__(self, "paragraph_number", str(number))
        _text_or_none(self, TEXT_FIELDS)
        if self.kind not in KINDS:
            raise InvalidExport(
                _(
                    "drafts_export_unknown_kind",
                    default="Unknown kind of comment in the export: ${kind}.",
                    mapping={"kind": _shown(self.kind)},
                )
            )
        if self.disposition not in DISPOSITION_TITLES and self.disposition != "":
            raise InvalidExport(
                _(
                    "drafts_export_unknown_disposition",
                    default="Unknown disposition in the export: ${disposition}.",
                    mapping={"disposition": _shown(self.disposition)},
                )
            )
        if self.date is not None and (
            not isinstance(self.date, datetime) or self.date.utcoffset() is None
        ):
            raise InvalidExport(
                _(
                    "drafts_export_naive_date",
                    default="A comment's date in the export must be a date "
                    "and time with its time zone.",
                )
            )
        depth = self.depth
        if (
            not isinstance(depth, int)
            or isinstance(depth, bool)
            or depth < 0
            or (self.kind == "reply" and depth == 0)
            or (self.kind == "comment" and depth > 0)
        ):
            raise InvalidExport(
                _(
                    "drafts_export_bad_depth",
                    default="In the export, a comment has depth 0 and a "
                    "reply a depth of 1 or more.",
                )
            )

    @classmethod
    def from_dict(cls, data):
        """A row from a mapping of the same names; unknown names refused
        (a misspelt key would silently leave a column empty)."""
        unknown = set(data) - FIELD_NAMES
        if unknown:
            raise InvalidExport(
                _(
                    "drafts_export_unknown_field",
                    default="Unknown field in a row of the export: ${field}.",
                    mapping={"field": _shown(sorted(map(str, unknown))[0])},
                )
            )
        try:
            return cls(**data)
        except TypeError:
            raise InvalidExport(
                _(
                    "drafts_export_missing_field",
                    default="A row of the export lacks its paragraph, kind or text.",
                )
            ) from None


FIELD_NAMES = frozenset(field.name for field in fields(ExportRow))
TEXT_FIELDS = (
    "paragraph_number",
    "paragraph_text",
    "text",
    "author",
    "organisation",
    "country",
    "suggestion",
    "disposition",
    "response",
)


@dataclass(frozen=True)
class ExportHeader:
    """What the DOCX opens with: the draft's title, the round's number and
    deadline (time-zone aware, or None), and the draft's language code."""

    title: str
    round_number: int
    deadline: datetime | None = None
    language: str = ""

    def __post_init__(self):
        number = self.round_number
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise InvalidExport(
                _(
                    "drafts_export_bad_round",
                    default="A round's number is a whole number from 1.",
                )
            )
        if self.deadline is not None and (
            not isinstance(self.deadline, datetime) or self.deadline.utcoffset() is None
        ):
            raise InvalidExport(
                _(
                    "drafts_export_naive_deadline",
                    default="A round's deadline must be a date and time with "
                    "its time zone.",
                )
            )
        _text_or_none(self, ("title", "language"))


def as_row(row):
    """An ``ExportRow`` from a row or a mapping, its text made writable."""
    if isinstance(row, dict):
        row = ExportRow.from_dict(row)
    elif not isinstance(row, ExportRow):
        raise InvalidExport(
            _(
                "drafts_export_not_a_row",
                default="The export takes rows of comments, not ${value}.",
                mapping={"value": type(row).__name__},
            )
        )
    return replace(row, **{name: writable(getattr(row, name)) for name in TEXT_FIELDS})


def as_header(header):
    if isinstance(header, dict):
        try:
            header = ExportHeader(**header)
        except TypeError:
            raise InvalidExport(
                _(
                    "drafts_export_bad_header",
                    default="The export's header takes a title, a round number, "
                    "a deadline and a language.",
                )
            ) from None
    elif not isinstance(header, ExportHeader):
        raise InvalidExport(
            _(
                "drafts_export_bad_header",
                default="The export's header takes a title, a round number, "
                "a deadline and a language.",
            )
        )
    return replace(header, title=writable(header.title))


def _checked(rows, header):
    """Every row and the header checked before anything is written."""
    return [as_row(row) for row in rows], as_header(header)


class _Words:
    """The export's words in one language, each translated once (an export
    of 2,000 rows asks for the same few labels thousands of times)."""

    def __init__(self, language):
        self.language = language
        self._cache = {}

    def __call__(self, message):
        key = (message, tuple(sorted((message.mapping or {}).items())))
        if key not in self._cache:
            self._cache[key] = translate(message, target_language=self.language)
        return self._cache[key]

    def paragraph_heading(self, row):
        """The heading of a row's section: "Paragraph 3", "Former
        paragraph 3", "Whole draft" or "Removed text"."""
        number = row.paragraph_number
        if row.orphaned:
            if number:
                return self(_("Former paragraph ${number}", mapping={"number": number}))
            return self(REMOVED_TEXT)
        if not number:
            return self(WHOLE_DRAFT)
        return self(_("Paragraph ${number}", mapping={"number": number}))

    def paragraph_cell(self, row):
        """The number alone for a paragraph of the text (what a
        spreadsheet sorts and filters by), the heading for the others."""
        if row.paragraph_number and not row.orphaned:
            return row.paragraph_number
        return self.paragraph_heading(row)

    def country(self, code):
        if not code:
            return ""
        return country_name(code, self.language or "en") or code

    def cells(self, row):
        """``{column key: text}`` of a row (depth stays a number)."""
        return {
            "paragraph": self.paragraph_cell(row),
            "paragraph_text": row.paragraph_text,
            "kind": self(KINDS[row.kind]),
            "depth": row.depth,
            "text": row.text,
            "suggestion": row.suggestion,
            "author": row.author,
            "organisation": row.organisation,
            "country": self.country(row.country),
            "date": format_date(row.date, self.language) if row.date else "",
            "disposition": (
                self(DISPOSITION_TITLES[row.disposition]) if row.disposition else ""
            ),
            "response": row.response,
        }


def headers(language):
    """The column titles of the CSV and XLSX in ``language``."""
    words = _Words(language)
    return [words(title) for _key, title in COLUMNS]


def _table(rows, language):
    words = _Words(language)
    keys = [key for key, _title in COLUMNS]
    for row in rows:
        cells = words.cells(row)
        yield [cells[key] for key in keys]


def export_csv(rows, header, language):
    """The round's comments as CSV: the column titles, then one line per
    row in the order given. UTF-8 with a BOM, as the discussions' export,
    so that spreadsheet programs read accents and scripts right. The
    header block is checked but not written: a CSV is one table."""
    rows, header = _checked(rows, header)
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(language))
    for line in _table(rows, language):
        writer.writerow([spreadsheet_safe(cell) for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(rows, header, language):
    """The round's comments as one sheet named after the round: bold
    column titles, one line per row; paragraph numbers that are numbers
    are written as numbers (sorted as such), every other cell as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows, header = _checked(rows, header)
    words = _Words(language)
    book = Workbook()
    sheet = book.active
    sheet.title = words(_round_name(header.round_number))[:31]
    book.properties.title = header.title
    sheet.append(headers(language))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    keys = [key for key, _title in COLUMNS]
    text_column = keys.index("text") + 1
    wrapped = Alignment(wrap_text=True, vertical="top")
    # Line numbers counted here: ``sheet.max_row`` scans every cell.
    for number, (row, line) in enumerate(
        zip(rows, _table(rows, language), strict=True), start=2
    ):
        paragraph = line[0]
        # Empty cells stay empty (not an empty text), numbers are numbers.
        line = [None if cell == "" else spreadsheet_safe(cell) for cell in line]
        if paragraph.isascii() and paragraph.isdigit() and not row.orphaned:
            line[0] = int(paragraph)
        sheet.append(line)
        sheet.cell(row=number, column=text_column).alignment = (
            Alignment(wrap_text=True, vertical="top", indent=min(row.depth * 2, 15))
            if row.depth
            else wrapped
        )
    widths = {"paragraph_text": 60, "text": 60, "suggestion": 40, "response": 40}
    for index, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 16)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _round_name(number):
    return _(
        "drafts_export_round", default="Round ${number}", mapping={"number": number}
    )


def round_line(header, language):
    """ "Compiled comments of round 2 (deadline: 5 March 2030, 14:00 UTC)"."""
    if header.deadline is None:
        message = _(
            "drafts_export_round_line",
            default="Compiled comments of round ${number}",
            mapping={"number": header.round_number},
        )
    else:
        message = _(
            "drafts_export_round_line_deadline",
            default="Compiled comments of round ${number} (deadline: ${deadline})",
            mapping={
                "number": header.round_number,
                "deadline": format_date(header.deadline, language),
            },
        )
    return translate(message, target_language=language)


def _language_name(code, language):
    from babel import Locale
    from babel import UnknownLocaleError

    try:
        target = Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        target = Locale.parse("en")
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(target) or code
    except (UnknownLocaleError, ValueError):
        return code


class _DocxBody:
    """Paragraphs appended to a python-docx document in constant time.

    ``Document.add_paragraph`` finds the place before the section
    properties by scanning the whole body, and a paragraph style given by
    name reads every style to find the default: for 2,000 comments that
    was 8 s. Here each paragraph goes right before the section properties
    (kept by lxml, no scan) and style ids are looked up once. The only
    place this module touches python-docx's XML classes (``OxmlElement``,
    ``CT_P.style``); runs, bold and indents use its public API."""

    def __init__(self, document):
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        self._new_p = lambda: OxmlElement("w:p")
        self._paragraph = Paragraph
        self.document = document
        self.end = document.element.body.sectPr
        self.style_ids = {}

    def add(self, text="", style=None):
        p = self._new_p()
        self.end.addprevious(p)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            p.style = self.style_ids[style]
        paragraph = self._paragraph(p, self.document)
        if text:
            paragraph.add_run(text)
        return paragraph


def export_docx(rows, header, language):
    """The round's comments as a Word document: the draft's title, the
    round line, then one section per paragraph (its heading, its text as a
    quotation) with its comments below it, replies indented: who wrote
    each (name, organisation, country) and when, the text, a suggestion as
    its proposed wording, the disposition and the response. A round
    without comments says so in one line."""
    from docx import Document
    from docx.shared import Cm

    rows, header = _checked(rows, header)
    words = _Words(language)
    document = Document()
    document.core_properties.title = header.title
    body = _DocxBody(document)
    body.add(header.title, "Title")
    body.add(round_line(header, language))
    if header.language:
        body.add(
            words(
                _(
                    "drafts_export_draft_language",
                    default="Language of the draft: ${language}",
                    mapping={"language": _language_name(header.language, language)},
                )
            )
        )
    if not rows:
        body.add(words(NO_COMMENTS))
    section = None
    for row in rows:
        key = (row.orphaned, row.paragraph_number, row.paragraph_text)
        if key != section:
            section = key
            body.add(words.paragraph_heading(row), "Heading 2")
            if row.paragraph_text:
                body.add(row.paragraph_text, "Quote")
        cells = words.cells(row)
        written = []
        meta = body.add()
        meta.add_run(cells["kind"]).bold = True
        who = ", ".join(
            part
            for part in (cells["author"], cells["organisation"], cells["country"])
            if part
        )
        details = " · ".join(part for part in (who, cells["date"]) if part)
        if details:
            meta.add_run(" · " + details)
        written.append(meta)
        if row.text:
            written.append(body.add(row.text))
        for label, value in (
            (PROPOSED, row.suggestion),
            (DISPOSITION, cells["disposition"]),
            (RESPONSE, row.response),
        ):
            if value:
                line = body.add()
                line.add_run(words(label)).bold = True
                line.add_run(" " + value)
                written.append(line)
        if row.depth:
            for paragraph in written:
                paragraph.paragraph_format.left_indent = Cm(min(row.depth, 8))
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _html_text(text):
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def responses_table_html(rows, language):
    """The comments-and-responses table of a round, as escaped HTML for a
    page (the next round opens with it): one line per comment, replies
    left out (the table answers comments; the replies stay in the compiled
    export), with its paragraph, its text and proposed wording, who wrote
    it and when, the disposition and the response. A round without
    comments gives one sentence instead of an empty table."""
    rows = [as_row(row) for row in rows]
    words = _Words(language)

    def say(message):
        return escape(words(message))

    comments = [row for row in rows if row.depth == 0]
    if not comments:
        return f'<p class="draft-responses-empty">{say(NO_COMMENTS)}</p>'
    out = [
        '<table class="draft-responses">',
        f"<caption>{say(TABLE_CAPTION)}</caption>",
        "<thead><tr>",
        *(f'<th scope="col">{say(title)}</th>' for _key, title in TABLE_COLUMNS),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in comments:
        cells = words.cells(row)
        text = _html_text(row.text)
        if row.suggestion:
            text += (
                f'<p class="draft-responses-proposed"><strong>{say(PROPOSED)}'
                f"</strong> {_html_text(row.suggestion)}</p>"
            )
        who = ", ".join(
            escape(part)
            for part in (cells["author"], cells["organisation"], cells["country"])
            if part
        )
        disposition = escape(row.disposition or "none")
        out.append(
            f'<tr class="draft-responses-{disposition}">'
            f'<th scope="row">{escape(words.paragraph_cell(row))}</th>'
            f"<td>{text}</td>"
            f"<td>{who}</td>"
            f"<td>{escape(cells['date'])}</td>"
            f"<td>{escape(cells['disposition'])}</td>"
            f"<td>{_html_text(row.response)}</td>"
            "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


WRITERS = {"csv": export_csv, "xlsx": export_xlsx, "docx": export_docx}


def export(rows, header, fmt, language):
    """``(bytes, content type, file extension)`` of the export in ``fmt``
    ("csv", "xlsx" or "docx"), for the page and the REST service."""
    if fmt not in WRITERS:
        raise InvalidExport(
            _(
                "drafts_export_unknown_format",
                default="Comments are exported as DOCX, XLSX or CSV, not ${format}.",
                mapping={"format": _shown(fmt)},
            )
        )
    content_type, extension = FORMATS[fmt]
    return WRITERS[fmt](rows, header, language), content_type, extension
