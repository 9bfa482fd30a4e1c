"""A draft's original file (DOCX or PDF) turned into a starting body.

The secretariat uploads the lead author's original; it is kept as the
draft's file, and its text becomes the body people comment on:

- ``check_size`` / ``read_upload``: the upload limit, checked from a
  ``Content-Length`` or a stream before the file is read whole.
- ``kind_of``: ``"docx"`` or ``"pdf"``, judged by the bytes, never by the
  file's name (a PDF renamed ``.docx`` is a PDF).
- ``docx_to_html``: mammoth keeps headings, numbered and bulleted lists,
  tables and footnotes. mammoth does not sanitise (its README says so: a
  ``javascript:`` link goes through), so its HTML is narrowed here to the
  few elements and attributes mammoth writes, then passed through Plone's
  ``safe_html`` transform as any rich text is. Our own pass holds even on
  a site whose safe_html filtering is switched off in the control panel.
  Images are left out (counted in a note): the body is for commenting on
  text, the original keeps them, and inline ``data:`` images would
  weigh on every page view. Tracked changes come out accepted (mammoth
  reads insertions, skips deletions) and Word's review comments are not
  carried into the body.
- ``pdf_to_html``: a PDF marks no headings, lists or paragraphs, only lines
  on a page; its text (pypdf) is joined into paragraphs and offered as a
  starting body for the secretariat to check.
- ``starting_body``: the one call for an upload: kind, name check, body.

Every refusal is an ``UnusableOriginal`` whose ``message`` is a
translatable message for the uploader; nothing is returned half-made.
Notes are translatable messages too (``zope.i18n.translate`` them with
the request). The paragraph ids are added later by the caller
(``drafts/paragraphs.py``) to the HTML returned here.
"""

from collab.portal import _
from collab.portal.drafts.settings import max_upload_bytes
from html import escape
from lxml import html as lxml_html
from plone import api
import io
import logging
import mammoth
import os
import pypdf
import re
import zipfile


logger = logging.getLogger(__name__)

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
# An OLE compound file: Word 97-2003 (.doc), and also a DOCX saved with a
# password (Office wraps the encrypted package in one).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
# PDF readers accept the header within the first 1024 bytes.
PDF_HEADER_WITHIN = 1024
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")

# Zip bombs. Python's zipfile never unpacks a member past the size its
# directory declares (it stops there and the part's CRC check fails), so
# limits on the declared sizes bound what mammoth can unpack. mammoth
# parses the XML parts it reads into a DOM (minidom), which took about 30
# times the XML's size in memory here (a generated 100-page document:
# 0.5 MB of XML, 17 MB at the peak); so the XML parts have their own
# limit, 16 MB, several times a 300-page report's document.xml. Images
# are never unpacked (left out unread). No ratio rule: Word's XML for
# repetitive text packs well over 100:1 and is harmless within these
# limits.
MAX_MEMBERS = 2000
MAX_UNPACKED = 200 * MB
MAX_XML_UNPACKED = 16 * MB
MAX_PDF_PAGES = 300

# Paragraph styles Word users give quotations; mammoth's default map adds
# headings, lists, titles, footnotes. The document's own embedded style
# map is never read: it could map text to any element (``p => script``).
STYLE_MAP = """
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
FOOTNOTE_ID_PREFIX = "fn-"

# What mammoth writes with the maps above; anything else is defence in
# depth: dropped with its content when it can carry code or a request to
# another server, else unwrapped (its text kept).
ALLOWED_TAGS = frozenset(
    (  # noqa: SIM905 (a list of words reads best)
        "p h1 h2 h3 h4 h5 h6 ol ul li table thead tbody tr th td blockquote "
        "strong em b i u s sub sup a br"
    ).split()
)
DROPPED_WITH_CONTENT = frozenset(
    (  # noqa: SIM905 (a list of words reads best)
        "script style img image svg math iframe frame frameset object embed "
        "applet link meta base form input button textarea select video "
        "audio source picture template noscript"
    ).split()
)
ATTRIBUTES = {"a": ("href", "id"), "li": ("id",), "td": ("colspan", "rowspan")}
ATTRIBUTES["th"] = ATTRIBUTES["td"]
SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]{0,99}$")
SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class UnusableOriginal(ValueError):
    """The uploaded original is refused as a whole; ``message`` says why
    (a translatable message: translate it with the request)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NoTextLayer(UnusableOriginal):
    """A readable PDF without text (a scan): the caller may still keep it
    as the original, with an empty body to write or paste."""


def too_large(limit):
    return _(
        "drafts_original_too_large",
        default="The file is larger than ${limit} MB, the most a draft's "
        "original may be.",
        mapping={"limit": max(1, limit // MB)},
    )


NEITHER = _(
    "drafts_original_neither",
    default="This file is neither a Word document (.docx) nor a PDF.",
)
OLD_OR_PROTECTED_WORD = _(
    "drafts_original_old_word",
    default="This is an old Word document (.doc) or one protected by a "
    "password. Save it in Word as .docx without a password and upload it again.",
)
PDF_NOT_DOCX = _(
    "drafts_original_pdf_not_docx",
    default="This file is a PDF, not a Word document, though its name ends "
    "in .docx. Rename it or upload the Word document.",
)
DOCX_NOT_PDF = _(
    "drafts_original_docx_not_pdf",
    default="This file is a Word document, not a PDF, though its name ends "
    "in .pdf. Rename it or upload the PDF.",
)
CORRUPT_DOCX = _(
    "drafts_original_corrupt_docx",
    default="The Word document is damaged and cannot be read. Open it in "
    "Word, save it again and upload the new file.",
)
DOCX_TOO_LARGE_UNPACKED = _(
    "drafts_original_docx_unpacked",
    default="The Word document unpacks to much more than its text can "
    "take, or has too many parts. Save it again in Word, without embedded "
    "files, and upload the new file.",
)
EMPTY_DOCX = _("drafts_original_empty_docx", default="The Word document has no text.")
CORRUPT_PDF = _(
    "drafts_original_corrupt_pdf",
    default="The PDF is damaged and cannot be read.",
)
ENCRYPTED_PDF = _(
    "drafts_original_encrypted_pdf",
    default="The PDF is protected by a password. Upload a copy without a password.",
)
NO_TEXT_LAYER = _(
    "drafts_original_no_text",
    default="The PDF has no text to take, only images of pages (it was "
    "probably scanned). Upload the Word document, or run text recognition "
    "(OCR) on the PDF first.",
)


def too_many_pages(count):
    return _(
        "drafts_original_too_many_pages",
        default="The PDF has ${count} pages; at most ${limit} can be taken "
        "as a draft's text.",
        mapping={"count": count, "limit": MAX_PDF_PAGES},
    )


# Size


def check_size(stream_or_length, limit=None):
    """The size in bytes of an upload, refused with ``UnusableOriginal``
    when over ``limit`` (default: ``settings.max_upload_bytes()``).

    Takes what the upload view or REST service has before reading the
    file: a ``Content-Length`` (int or its header string), a seekable
    stream (measured by seeking to its end, its position kept), or the
    bytes themselves. A stream that cannot seek: use ``read_upload``.
    """
    limit = max_upload_bytes() if limit is None else limit
    if isinstance(stream_or_length, (bytes, bytearray, memoryview)):
        size = len(stream_or_length)
    elif isinstance(stream_or_length, int):
        size = stream_or_length
    elif isinstance(stream_or_length, str):
        size = int(stream_or_length.strip() or 0)
    else:
        stream = stream_or_length
        position = stream.tell()
        size = stream.seek(0, os.SEEK_END)
        stream.seek(position)
    if size > limit:
        raise UnusableOriginal(too_large(limit))
    return size


def read_upload(stream, limit=None, chunk=MB):
    """The bytes of ``stream``, read a chunk at a time and refused as
    soon as they pass ``limit``: never more than ``limit + chunk`` bytes
    are held, however large the upload."""
    limit = max_upload_bytes() if limit is None else limit
    parts, size = [], 0
    while True:
        part = stream.read(chunk)
        if not part:
            return b"".join(parts)
        size += len(part)
        if size > limit:
            raise UnusableOriginal(too_large(limit))
        parts.append(part)


# Kind


def kind_of(data):
    """``"docx"`` or ``"pdf"``, by the file's bytes; anything else is
    refused with a message that names what it is when that helps."""
    head = bytes(data[:PDF_HEADER_WITHIN])
    if head.startswith(ZIP_MAGIC):
        _open_docx_zip(data).close()
        return "docx"
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        raise UnusableOriginal(OLD_OR_PROTECTED_WORD)
    raise UnusableOriginal(NEITHER)


def _open_docx_zip(data):
    """The zip of a DOCX, its directory checked against zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnusableOriginal(CORRUPT_DOCX) from error
    names = {member.filename for member in members}
    if not all(part in names for part in DOCX_PARTS):
        archive.close()
        raise UnusableOriginal(NEITHER)
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if (
        len(members) > MAX_MEMBERS
        or sum(member.file_size for member in members) > MAX_UNPACKED
        or xml > MAX_XML_UNPACKED
    ):
        archive.close()
        raise UnusableOriginal(DOCX_TOO_LARGE_UNPACKED)
    return archive


# DOCX


def docx_to_html(data):
    """``(html, notes)`` of a DOCX: mammoth's HTML, narrowed and passed
    through Plone's safe_html transform (a site must be at hand).
    ``notes`` say what was left out (images, unknown styles...)."""
    check_size(data)
    if kind_of(data) != "docx":
        raise UnusableOriginal(PDF_NOT_DOCX)
    images = []

    def leave_out(image):
        # Never opened: an image linked from another server is not
        # fetched, an embedded one never unpacked.
        images.append(image)
        return []

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            include_embedded_style_map=False,
            id_prefix=FOOTNOTE_ID_PREFIX,
            convert_image=leave_out,
            external_file_access=False,
        )
    except Exception as error:
        # mammoth raises whatever its XML reader or zip meets in a damaged
        # file (KeyError, ExpatError, AttributeError, zlib.error...): none
        # of it is the uploader's to read, all of it means "damaged".
        logger.info("A Word document could not be converted: %r", error)
        raise UnusableOriginal(CORRUPT_DOCX) from error
    body, unsafe_links = narrow(result.value)
    body = safe_html(body)
    if not _has_text(body):
        raise UnusableOriginal(EMPTY_DOCX)
    return body, _docx_notes(result.messages, len(images), unsafe_links)


def _has_text(markup):
    root = lxml_html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    return bool(root.text_content().strip())


def _docx_notes(messages, images, unsafe_links):
    notes = []
    if images:
        notes.append(
            _(
                "drafts_note_images_left_out",
                default="${count} image(s) were left out of the text; the "
                "original file keeps them.",
                mapping={"count": images},
            )
        )
    if unsafe_links:
        notes.append(
            _(
                "drafts_note_links_removed",
                default="${count} link(s) that could run code or open a "
                "local file were removed; their text was kept.",
                mapping={"count": unsafe_links},
            )
        )
    # mammoth's messages are English and name Word's internals: counted
    # here in the uploader's words, logged as they are. Its warnings about
    # images ("Image of type ... unlikely to display") are moot: left out.
    texts = [message.message for message in messages]
    styles = [text for text in texts if text.startswith("Unrecognised")]
    others = [
        text
        for text in texts
        if text not in styles and not text.startswith("Image of type")
    ]
    if styles:
        notes.append(
            _(
                "drafts_note_unknown_styles",
                default="${count} style(s) of the document are not known "
                "here; their text was kept as ordinary paragraphs.",
                mapping={"count": len(styles)},
            )
        )
    if others:
        notes.append(
            _(
                "drafts_note_other_warnings",
                default="${count} part(s) of the document could not be "
                "converted exactly; compare the text with the original.",
                mapping={"count": len(others)},
            )
        )
    for text in texts:
        logger.debug("mammoth: %s", text)
    return notes


def narrow(markup):
    """``(html, unsafe_links)``: only the elements and attributes mammoth
    writes for text, links only to web or mail addresses and anchors in
    the document; ``unsafe_links`` counts the links taken away."""
    if not markup.strip():
        return "", 0
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    unsafe_links = 0
    for element in list(root.iter()):
        if element is root:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in DROPPED_WITH_CONTENT or not tag:
            element.drop_tree()
            continue
        allowed = ATTRIBUTES.get(tag, ())
        for name, value in list(element.attrib.items()):
            keep = name in allowed
            if name == "id":
                keep = keep and bool(SAFE_ID.match(value))
            elif name == "href":
                keep = keep and bool(SAFE_HREF.match(value.strip()))
                unsafe_links += not keep
            elif name in ("colspan", "rowspan"):
                keep = keep and value.isdigit()
            if not keep:
                del element.attrib[name]
        if tag not in ALLOWED_TAGS:
            element.drop_tag()
    text = (root.text or "") and escape(root.text, quote=False)
    return text + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    ), unsafe_links


def safe_html(markup):
    """``markup`` through Plone's ``safe_html`` transform (the site's
    allowed tags and attributes), as Plone filters any rich text."""
    if not markup:
        return ""
    transforms = api.portal.get_tool("portal_transforms")
    stream = transforms.convertTo("text/x-html-safe", markup, mimetype="text/html")
    if stream is None:
        raise RuntimeError("portal_transforms has no path to text/x-html-safe")
    data = stream.getData()
    return data.decode("utf-8") if isinstance(data, bytes) else data


# PDF


def pdf_to_html(data):
    """``(html, notes)`` of a PDF's text: one ``<p>`` per paragraph found
    in its lines (see ``paragraphs``). A PDF readable without a password
    (one only restricted from editing or printing) is read."""
    check_size(data)
    if kind_of(data) != "pdf":
        raise UnusableOriginal(DOCX_NOT_PDF)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnusableOriginal(ENCRYPTED_PDF)
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise UnusableOriginal(too_many_pages(count))
        texts = [page.extract_text() or "" for page in reader.pages]
    except UnusableOriginal:
        raise
    except Exception as error:
        # As for mammoth: pypdf's errors on a damaged file are many kinds.
        logger.info("A PDF could not be read: %r", error)
        raise UnusableOriginal(CORRUPT_PDF) from error
    found = paragraphs(texts)
    if not found:
        raise NoTextLayer(NO_TEXT_LAYER)
    body = "".join(f"<p>{escape(text, quote=False)}</p>" for text in found)
    notes = [
        _(
            "drafts_note_pdf_text",
            default="The text was taken from the ${count} page(s) of the PDF. "
            "A PDF does not mark headings, lists or tables: check the "
            "paragraphs against the original before opening a round.",
            mapping={"count": count},
        )
    ]
    return body, notes


def _opens_without_password(reader):
    try:
        return bool(reader.decrypt(""))
    except Exception:
        # AES without a crypto library installed, or a damaged dictionary.
        return False


SENTENCE_END = ".:;!?"
PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,4}(?:\s*-)?$")


def paragraphs(pages):
    """Paragraphs from the text of each page: a blank line ends one, and so
    does a line ending a sentence (``.:;!?``) followed by one that starts
    with a capital, a digit, a bullet or a parenthesis; other lines are
    joined with a space (a word hyphenated at the end of a line is joined
    back). A page's last line that is only a number (its page number)
    is dropped; a paragraph may run on across a page break."""
    found, current = [], []

    def flush():
        if current:
            found.append(_join(current))
            current.clear()

    for text in pages:
        lines = [
            " ".join(CONTROL_CHARACTERS.sub(" ", line).split())
            for line in text.splitlines()
        ]
        while lines and not lines[-1]:
            lines.pop()
        if lines and PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        for line in lines:
            if not line:
                flush()
                continue
            if current and current[-1][-1] in SENTENCE_END and _starts_paragraph(line):
                flush()
            current.append(line)
    flush()
    return found


def _starts_paragraph(line):
    first = line[0]
    return first.isupper() or first.isdigit() or first in "•–—-(*·▪"


def _join(lines):
    text = lines[0]
    for line in lines[1:]:
        if (
            text.endswith("-")
            and len(text) > 1
            and text[-2].isalpha()
            and line[0].islower()
        ):
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text


# Both


def starting_body(data, filename=""):
    """``(html, notes)`` for an uploaded original: a DOCX converted, a PDF's
    text. The name only catches a mismatch (a PDF named ``.docx``, a DOCX
    named ``.pdf``); the bytes decide what the file is."""
    check_size(data)
    kind = kind_of(data)
    name = (filename or "").strip().lower()
    if kind == "pdf" and name.endswith((".docx", ".docm", ".doc")):
        raise UnusableOriginal(PDF_NOT_DOCX)
    if kind == "docx" and name.endswith(".pdf"):
        raise UnusableOriginal(DOCX_NOT_PDF)
    return docx_to_html(data) if kind == "docx" else pdf_to_html(data)
