"""Reading an uploaded contacts file into rows of text, whatever its
form: CSV in UTF-8 (with or without BOM) or Latin-1, comma or semicolon,
or XLSX. A file that is not what its name says, too large, binary or
malformed is refused as a whole with a translated message."""

from collab.portal import _
import csv
import io
import zipfile


MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
XLSX_MAGIC = b"PK\x03\x04"


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
    """``(header, rows)``: the column keys and a list of lists of text."""
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
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise UnreadableFile(EMPTY)
    header = [header_key(cell) for cell in table[0]]
    if not {"given_name", "family_name", "email"} <= set(header):
        raise UnreadableFile(NO_HEADER)
    if len(table) - 1 > MAX_ROWS:
        raise UnreadableFile(TOO_MANY_ROWS)
    if len(table) == 1:
        raise UnreadableFile(EMPTY)
    return header, table[1:]


def _decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data or data[:4] == XLSX_MAGIC:
        raise UnreadableFile(NOT_CSV)  # UTF-16, a binary or a zip
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Latin-1 decodes anything: refuse what is plainly not text.
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
        return [list(row) for row in reader]
    except csv.Error:
        raise UnreadableFile(NOT_CSV) from None


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise UnreadableFile(NOT_XLSX) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if cell is None else str(cell) for cell in row])
            if len(rows) > MAX_ROWS + 1:
                raise UnreadableFile(TOO_MANY_ROWS)
        return rows
    finally:
        book.close()
