"""Workbooks built to hurt an importer: a sheet that declares the whole
grid and fills its first and last rows (1.6 KB), and a deflate bomb
(about 120 KB unpacking to 50 MB of inline strings)."""

from contacts.import_helpers import xlsx_bytes
import io
import zipfile


SHEET = "xl/worksheets/sheet1.xml"
LAST_ROW = 1048576


def _rewrite(data, change):
    """The workbook ``data`` with its first sheet's XML passed through
    ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == SHEET:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


def _inline_row(number, values):
    """A row of inline strings; without ``number`` the reader counts it
    (and the zip compresses a thousand of them to almost nothing)."""
    where = f' r="{number}"' if number else ""
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
    return f"<row{where}>{cells}</row>"


def declared_grid_bomb():
    """Header and one contact in rows 1-2, another in Excel's last row,
    and a dimension of A1:XFD1048576."""
    data = xlsx_bytes(
        [["Ana", "Sur", "ana.sur@example.org"]],
        header=["given_name", "family_name", "email"],
    )

    def change(xml):
        xml = xml.replace(
            xml[xml.index("<dimension") : xml.index("/>", xml.index("<dimension")) + 2],
            '<dimension ref="A1:XFD1048576"/>',
        )
        last = _inline_row(LAST_ROW, ("Zoe", "Last", "zoe.last@example.org"))
        return xml.replace("</sheetData>", last + "</sheetData>")

    return _rewrite(data, change)


def deflate_bomb(megabytes=50):
    """A valid workbook whose sheet unpacks to ``megabytes`` of rows of
    one repeated inline string."""
    data = xlsx_bytes(
        [["Ana", "Sur", "ana.sur@example.org"]],
        header=["given_name", "family_name", "email"],
    )
    filler = _inline_row(None, ("x" * 1000, "y", "z@example.org"))
    rows = filler * (megabytes * 1024 * 1024 // len(filler))

    def change(xml):
        return xml.replace("</sheetData>", rows + "</sheetData>")

    return _rewrite(data, change)


def wide_empty_rows_bomb(rows=50000):
    """Rows of one empty cell in the grid's last column (XFD) before and
    after the header: read as declared, each would be 16,384 cells."""
    data = xlsx_bytes(
        [["Ana", "Sur", "ana.sur@example.org"]],
        header=["given_name", "family_name", "email"],
    )
    before = "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(1, 50))

    def change(xml):
        xml = xml.replace('<row r="1"', '<row r="50"').replace('r="A1"', 'r="A50"')
        xml = xml.replace('r="B1"', 'r="B50"').replace('r="C1"', 'r="C50"')
        xml = xml.replace('<row r="2"', '<row r="51"').replace('r="A2"', 'r="A51"')
        xml = xml.replace('r="B2"', 'r="B51"').replace('r="C2"', 'r="C51"')
        after = "".join(
            f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(52, 52 + rows)
        )
        xml = xml.replace("<sheetData>", "<sheetData>" + before)
        return xml.replace("</sheetData>", after + "</sheetData>")

    return _rewrite(data, change)
