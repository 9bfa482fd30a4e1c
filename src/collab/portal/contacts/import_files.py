"""Reading an uploaded contacts file into rows of text, whatever its
form: CSV in UTF-8 (with or without BOM) or Windows' cp1252 (what Excel
saves), comma or semicolon, or XLSX. A file that is not what its name
says, too large, binary or malformed is refused as a whole with a
translated message.

An XLSX file is a zip of XML: 1.6 KB can declare a sheet of 16,384 columns
and a million rows, 120 KB can unpack to 50 MB. So the zip's directory is
read first and a workbook whose parts unpack to more than ``MAX_XML_BYTES``
is refused before any XML is parsed; the sheet's declared dimension is
ignored, rows are read only as wide as the header's last known column,
and empty rows are skipped without being built.
"""

from collab.portal import _
from collab.portal.content.contact import ROW_FIELDS
import codecs
import csv
import io
import zipfile


MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
# Every part of a workbook unpacked: 20,000 rows of ten columns take about
# 15 MB of sheet and shared strings XML.
MAX_XML_BYTES = 32 * 1024 * 1024
# The text kept from a workbook: twice what a CSV file of the largest
# size holds, so what the rows take stays a small multiple of 5 MB
# however well the sheet compressed.
MAX_TEXT = 2 * MAX_BYTES
# The header is looked for in the first rows, within the first columns
# (the known columns are ten; a sheet may have a few of its own).
HEADER_ROWS = 100
MAX_COLUMNS = 50
# Excel's last row: a sheet whose rows go further was not saved by it.
MAX_SHEET_ROW = 1048576
XLSX_MAGIC = b"PK\x03\x04"
# The columns read; others in a file are ignored.
KNOWN_COLUMNS = frozenset((*ROW_FIELDS, "groups"))


class UnreadableFile(ValueError):
    """The whole file is refused; ``message`` says why (translatable)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


TOO_LARGE = _(
    "import_too_large",
    default="The file is too large: at most 5 MB can be imported at once.",
)
NOT_XLSX = _(
    "import_not_xlsx",
    default="The file is named .xlsx but is not an Excel workbook.",
)
NOT_CSV = _(
    "import_not_csv",
    default="The file is not a CSV text file. Save it as CSV (UTF-8) or XLSX.",
)
NO_HEADER = _(
    "import_no_header",
    default="The first row must name the columns; given_name, family_name "
    "and email are required.",
)
TOO_MANY_ROWS = _(
    "import_too_many_rows",
    default="The file has too many rows: at most 20,000 can be imported at once.",
)
EMPTY = _("import_empty", default="The file has no contacts.")
XLSX_TOO_LARGE = _(
    "import_xlsx_too_large",
    default="The workbook unpacks to more than 32 MB: keep only the contacts "
    "in its first sheet, or save it as CSV.",
)
CELL_TOO_LONG = _(
    "import_cell_too_long",
    default="A cell of the file is longer than 128 KB, which no field can hold.",
)


ALIASES = {
    "e_mail": "email",
    "mail": "email",
    "first_name": "given_name",
    "last_name": "family_name",
    "surname": "family_name",
    "organization": "organisation",
    "language": "preferred_language",
    "group": "groups",
}


def header_key(value):
    key = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


def read_table(data, filename=""):
    """``(header, rows)``: the column keys and a list of ``(number, cells)``,
    the non-empty rows after the header with the number a spreadsheet
    shows them under (the header's is 1 when no empty row precedes it)."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(TOO_LARGE)
    name = (filename or "").lower()
    is_zip = data[:4] == XLSX_MAGIC
    if name.endswith((".xlsx", ".xlsm")) or (is_zip and not name.endswith(".csv")):
        if not is_zip:
            raise UnreadableFile(NOT_XLSX)
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    table = [(n, row) for n, row in table if any(cell.strip() for cell in row)]
    if not table:
        raise UnreadableFile(EMPTY)
    header = [header_key(cell) for cell in table[0][1]]
    if not {"given_name", "family_name", "email"} <= set(header):
        raise UnreadableFile(NO_HEADER)
    if len(table) - 1 > MAX_ROWS:
        raise UnreadableFile(TOO_MANY_ROWS)
    if len(table) == 1:
        raise UnreadableFile(EMPTY)
    return header, table[1:]


def _latin1_fallback(error):
    """The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
    0x9D) read as Latin-1 does; the row's check then refuses them as
    control characters, with its number."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("collab.portal.latin1", _latin1_fallback)


def _decode(data):
    """UTF-8 if the file is; else cp1252, which Excel on Windows writes
    and Latin-1 only approximates (’ œ – are 0x92 0x9C 0x96 there, C1
    control characters in Latin-1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data or data[:4] == XLSX_MAGIC:
        raise UnreadableFile(NOT_CSV)  # UTF-16, a binary or a zip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="collab.portal.latin1")
    # cp1252 decodes almost anything: refuse what is plainly not text.
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    controls += sum(1 for ch in text if 0x7F <= ord(ch) < 0xA0)
    if controls > len(text) // 100:
        raise UnreadableFile(NOT_CSV)
    return text


def _csv_rows(data):
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(enumerate(reader, start=1))
    except csv.Error as error:
        # The csv module's own limit (131,072 characters a cell).
        if "field limit" in str(error):
            raise UnreadableFile(CELL_TOO_LONG) from None
        raise UnreadableFile(NOT_CSV) from None


def _unpacked_size(data):
    """What the workbook's parts unpack to, from the zip's directory
    (zipfile stops any part at the size its directory gives)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(NOT_XLSX) from None


def _texts(row):
    return ["" if cell is None else str(cell) for cell in row]


def _xlsx_rows(data):
    from openpyxl import load_workbook

    if _unpacked_size(data) > MAX_XML_BYTES:
        raise UnreadableFile(XLSX_TOO_LARGE)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise UnreadableFile(NOT_XLSX) from None
    try:
        sheet = book.worksheets[0]
        # The declared dimension pads every row to its width and makes up
        # the rows it spans: ignored.
        sheet.reset_dimensions()
        return _sheet_rows(sheet)
    except UnreadableFile:
        raise
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile):
        raise UnreadableFile(NOT_XLSX) from None
    finally:
        book.close()


def _sheet_rows(sheet):
    """The header and the non-empty rows after it, each as wide as the
    header up to its last known column."""
    number, header = 0, None
    first = sheet.iter_rows(max_row=HEADER_ROWS, max_col=MAX_COLUMNS, values_only=True)
    for number, row in enumerate(first, start=1):  # noqa: B007 (used below)
        if any(cell is not None and str(cell).strip() for cell in row):
            header = _texts(row)
            break
    if header is None:
        return []
    known = [i for i, cell in enumerate(header) if header_key(cell) in KNOWN_COLUMNS]
    width = max(known) + 1 if known else 1
    rows = [(number, header[:width])]
    seen, text, empty, last_empty = number, 0, 0, None
    for row in sheet.iter_rows(min_row=number + 1, max_col=width, values_only=True):
        seen += 1
        if seen > MAX_SHEET_ROW:
            raise UnreadableFile(NOT_XLSX)
        if all(cell is None for cell in row):
            # Rows missing between two written rows come as one shared
            # empty tuple, counted once; rows written empty (each parsed,
            # and kept a little by the XML parser) count each.
            if row is not last_empty:
                empty += 1
                if empty > MAX_ROWS:
                    raise UnreadableFile(TOO_MANY_ROWS)
            last_empty = row
            continue
        cells = _texts(row)
        text += sum(len(cell) for cell in cells)
        if text > MAX_TEXT:
            raise UnreadableFile(TOO_LARGE)
        rows.append((seen, cells))
        if len(rows) > MAX_ROWS + 1:
            raise UnreadableFile(TOO_MANY_ROWS)
    return rows
