"""DOCX and PDF files written in the test, part by part, so that each one
holds exactly the trap a test needs (a footnote, a ``javascript:`` link,
an image linked from another server, a declared size of 300 MB...).

A DOCX is a zip of XML parts: ``docx_bytes(body)`` wraps paragraphs
written with ``heading``, ``para``, ``numbered``, ``table``... in a
document with the styles, numbering and footnotes parts Word writes.
A PDF is written by hand (``pdf_bytes(pages)``) with one Helvetica text
object per line, the cross-reference table computed."""

from xml.sax.saxutils import escape
import io
import zipfile


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"

OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    + "".join(
        f'<Override PartName="/word/{part}.xml" ContentType="{OOXML}.{kind}+xml"/>'
        for part, kind in (
            ("document", "document.main"),
            ("styles", "styles"),
            ("numbering", "numbering"),
            ("footnotes", "footnotes"),
        )
    )
    + "</Types>"
)

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL}">
<Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Odd"><w:name w:val="Odd Style"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference">
<w:name w:val="footnote reference"/></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, style=None, extra=""):
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{run(text)}{extra}</w:p>"


def heading(text, level=1):
    return para(text, f"Heading{level}")


def numbered(text):
    return (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        f"</w:pPr>{run(text)}</w:p>"
    )


def footnote_ref(number):
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )


def table(rows):
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def link(text, relationship_id):
    return f'<w:p><w:hyperlink r:id="{relationship_id}">{run(text)}</w:hyperlink></w:p>'


def picture(relationship_id, linked=False):
    """An inline picture; ``linked``: its bytes are at the relationship's
    target (another server), not in the zip."""
    attribute = "r:link" if linked else "r:embed"
    return (
        "<w:p><w:r><w:drawing><wp:inline>"
        '<wp:docPr id="1" name="Picture 1" descr="a chart"/>'
        f'<a:graphic><a:graphicData uri="{PIC}"><pic:pic><pic:blipFill>'
        f'<a:blip {attribute}="{relationship_id}"/></pic:blipFill></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def document_xml(body):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" '
        f'xmlns:pic="{PIC}"><w:body>{"".join(body)}</w:body></w:document>'
    )


def footnotes_xml(notes):
    items = "".join(
        f'<w:footnote w:id="{number}">{para(text)}</w:footnote>'
        for number, text in notes.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
        f"{items}</w:footnotes>"
    )


def relationships_xml(relationships):
    """``relationships``: ``{id: (type, target, external)}``."""
    lines = [
        f'<Relationship Id="rStyles" Type="{RT}/styles" Target="styles.xml"/>',
        f'<Relationship Id="rNumbering" Type="{RT}/numbering" Target="numbering.xml"/>',
        f'<Relationship Id="rFootnotes" Type="{RT}/footnotes" Target="footnotes.xml"/>',
    ]
    for rid, (kind, target, external) in relationships.items():
        mode = ' TargetMode="External"' if external else ""
        target = escape(target, {'"': "&quot;"})
        lines.append(
            f'<Relationship Id="{rid}" Type="{RT}/{kind}" Target="{target}"{mode}/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{REL}">{"".join(lines)}</Relationships>'
    )


# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def docx_bytes(body, footnotes=None, relationships=None, parts=None):
    """A DOCX whose body is the joined ``body`` paragraphs; ``parts``:
    more or replaced zip members ``{name: bytes or str}``."""
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_xml(body),
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/footnotes.xml": footnotes_xml(footnotes or {}),
        "word/_rels/document.xml.rels": relationships_xml(relationships or {}),
    }
    members.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if content is not None:
                archive.writestr(name, content)
    return out.getvalue()


def sample_docx():
    """The structures the issue names: headings, a numbered list, a table,
    a footnote, and a paragraph in a style mammoth does not know."""
    return docx_bytes(
        [
            heading("Draft resolution on shared waters"),
            para("The Parties,", extra=""),
            heading("Operative part", 2),
            numbered("Decide to meet every year;"),
            numbered("Request the secretariat to report."),
            para("Recalling the earlier decision", extra=footnote_ref(1)),
            table([["Country", "Share"], ["Chile", "12 %"]]),
            para("An oddly styled paragraph", "Odd"),
        ],
        footnotes={1: "Decision 3/2 of the second meeting."},
    )


def stored_zip(members):
    """A zip of ``{name: bytes}`` stored uncompressed, for zip headers
    written by hand."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def deflate_bomb_docx(unpacked_mb=300):
    """A DOCX whose document.xml unpacks to ``unpacked_mb`` MB of spaces
    after a valid start: about 300 KB packed."""
    chunk = b" " * (1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(document_xml([para("x")]).encode()[: -len("</w:document>")])
            for _ in range(unpacked_mb):
                member.write(chunk)
            member.write(b"</w:document>")
    return out.getvalue()


def many_members_docx(count=3000):
    return docx_bytes(
        [para("x")],
        parts={f"word/media/empty{number}.bin": b"" for number in range(count)},
    )


# PDF


def _pdf_string(text):
    return (
        "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    )


def pdf_bytes(pages):
    """A PDF of ``pages``, each a list of lines (an empty page has no text
    layer); line by line with Helvetica 11 pt, 14 pt apart."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        operations = ["BT /F1 11 Tf 14 TL 72 760 Td"]
        for line in lines:
            operations.append(f"{_pdf_string(line)} Tj T*")
        operations.append("ET")
        stream = "\n".join(operations).encode("latin-1") if lines else b""
        content = add(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    assert (
        add(
            b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
        )
        == pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def encrypted_pdf(user_password="secret"):
    """``pdf_bytes`` encrypted with RC4 (which pypdf writes without a
    crypto library) and a user password."""
    from pypdf import PdfReader
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([["Secret text."]]))))
    writer.encrypt(user_password, "owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
