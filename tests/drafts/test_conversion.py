"""Issue 22, the original's checks that need no site: the upload limit
before the file is read whole, the kind judged by content, zip bombs,
and a PDF's text as paragraphs (encrypted, scanned, damaged refused)."""

from collab.portal.drafts import conversion
from collab.portal.drafts.conversion import check_size
from collab.portal.drafts.conversion import kind_of
from collab.portal.drafts.conversion import NoTextLayer
from collab.portal.drafts.conversion import pdf_to_html
from collab.portal.drafts.conversion import read_upload
from collab.portal.drafts.conversion import starting_body
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.drafts.settings import DEFAULT_MAX_UPLOAD_MB
from collab.portal.drafts.settings import max_upload_bytes
from drafts.conversion_helpers import deflate_bomb_docx
from drafts.conversion_helpers import docx_bytes
from drafts.conversion_helpers import encrypted_pdf
from drafts.conversion_helpers import many_members_docx
from drafts.conversion_helpers import para
from drafts.conversion_helpers import pdf_bytes
from drafts.conversion_helpers import sample_docx
from drafts.conversion_helpers import stored_zip
import io
import time
import unittest


MB = 1024 * 1024


class EndlessStream:
    """A 200 MB upload that is never built: counts what is read of it."""

    def __init__(self, size=200 * MB):
        self.left = size
        self.read_bytes = 0

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        self.left -= size
        self.read_bytes += size
        return b"\0" * size


class SizeTests(unittest.TestCase):
    def assert_refused(self, message_id, call, *args, **kwargs):
        with self.assertRaises(UnusableOriginal) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.message, message_id)
        return caught.exception

    def test_default_limit_without_a_site(self):
        self.assertEqual(max_upload_bytes(), DEFAULT_MAX_UPLOAD_MB * MB)

    def test_content_length_of_200_mb_is_refused_with_the_limit(self):
        error = self.assert_refused("drafts_original_too_large", check_size, 200 * MB)
        self.assertEqual(error.message.mapping, {"limit": DEFAULT_MAX_UPLOAD_MB})
        self.assert_refused("drafts_original_too_large", check_size, str(200 * MB))

    def test_within_the_limit_the_size_is_returned(self):
        self.assertEqual(check_size(20 * MB), 20 * MB)
        self.assertEqual(check_size(b"x" * 10), 10)
        self.assertEqual(check_size(" 42 "), 42)

    def test_a_seekable_stream_is_measured_without_reading_and_keeps_its_place(self):
        stream = io.BytesIO(b"x" * 3000)
        stream.seek(100)
        self.assertEqual(check_size(stream, limit=5000), 3000)
        self.assertEqual(stream.tell(), 100)
        self.assert_refused("drafts_original_too_large", check_size, stream, limit=2999)
        self.assertEqual(stream.tell(), 100)

    def test_read_upload_stops_at_the_limit_not_at_the_end(self):
        stream = EndlessStream()
        self.assert_refused("drafts_original_too_large", read_upload, stream)
        self.assertLessEqual(stream.read_bytes, DEFAULT_MAX_UPLOAD_MB * MB + MB)
        self.assertEqual(read_upload(io.BytesIO(b"abc"), limit=3), b"abc")

    def test_converters_refuse_oversize_too(self):
        big = pdf_bytes([["Text."]]) + b" " * (DEFAULT_MAX_UPLOAD_MB * MB)
        for call in (pdf_to_html, conversion.docx_to_html, starting_body):
            self.assert_refused("drafts_original_too_large", call, big)


class KindTests(unittest.TestCase):
    def assert_refused(self, message_id, data, filename=""):
        with self.assertRaises(UnusableOriginal) as caught:
            starting_body(data, filename)
        self.assertEqual(caught.exception.message, message_id)

    def test_kind_by_content_whatever_the_name(self):
        self.assertEqual(kind_of(sample_docx()), "docx")
        self.assertEqual(kind_of(pdf_bytes([["A."]])), "pdf")

    def test_a_pdf_named_docx_is_told_apart(self):
        self.assert_refused(
            "drafts_original_pdf_not_docx", pdf_bytes([["A."]]), "Draft.DOCX"
        )
        with self.assertRaises(UnusableOriginal) as caught:
            conversion.docx_to_html(pdf_bytes([["A."]]))
        self.assertEqual(caught.exception.message, "drafts_original_pdf_not_docx")

    def test_a_docx_named_pdf_is_told_apart(self):
        self.assert_refused("drafts_original_docx_not_pdf", sample_docx(), "draft.pdf")
        with self.assertRaises(UnusableOriginal) as caught:
            pdf_to_html(sample_docx())
        self.assertEqual(caught.exception.message, "drafts_original_docx_not_pdf")

    def test_neither(self):
        self.assert_refused("drafts_original_neither", b"Just some text", "a.docx")
        self.assert_refused("drafts_original_neither", b"", "a.docx")
        # A zip that is not a Word document (an .xlsx, an .odt, a .zip).
        self.assert_refused(
            "drafts_original_neither",
            stored_zip({"mimetype": b"x", "content.xml": b"<a/>"}),
        )

    def test_old_or_password_protected_word(self):
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
        self.assert_refused("drafts_original_old_word", ole, "draft.docx")

    def test_corrupt_docx(self):
        data = sample_docx()
        self.assert_refused(
            "drafts_original_corrupt_docx", data[: len(data) // 2], "a.docx"
        )
        self.assert_refused("drafts_original_corrupt_docx", b"PK\x03\x04" + b"\0" * 100)


class ZipBombTests(unittest.TestCase):
    def assert_refused_quickly(self, data):
        started = time.perf_counter()
        with self.assertRaises(UnusableOriginal) as caught:
            starting_body(data, "draft.docx")
        self.assertEqual(caught.exception.message, "drafts_original_docx_unpacked")
        # Refused from the zip's directory: nothing is unpacked.
        self.assertLess(time.perf_counter() - started, 0.5)

    def test_a_part_that_unpacks_to_300_mb(self):
        data = deflate_bomb_docx(300)
        self.assertLess(len(data), 2 * MB)
        self.assert_refused_quickly(data)

    def test_xml_over_its_own_limit(self):
        self.assert_refused_quickly(
            deflate_bomb_docx(conversion.MAX_XML_UNPACKED // MB + 1)
        )

    def test_too_many_parts(self):
        self.assert_refused_quickly(many_members_docx(conversion.MAX_MEMBERS + 1))

    def test_a_lying_directory_is_a_damaged_file(self):
        """The directory declares 1 KB where 2 MB of XML are packed: zipfile
        stops at the declared size and the check of the part fails."""
        data = bytearray(docx_bytes([para("x" * 2 * MB)]))
        # The name's last occurrence is in the central directory, whose
        # header (PK 1 2) holds the uncompressed size at offset 24.
        header_at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
        data[header_at + 24 : header_at + 28] = (1024).to_bytes(4, "little")
        with self.assertRaises(UnusableOriginal) as caught:
            conversion.docx_to_html(bytes(data))
        self.assertEqual(caught.exception.message, "drafts_original_corrupt_docx")


class PdfTests(unittest.TestCase):
    def test_text_becomes_paragraphs(self):
        body, notes = pdf_to_html(
            pdf_bytes(
                [
                    [
                        "1. The Parties agree to meet every",
                        "year in a place they choose.",
                        "2. The secretariat shall report on wa-",
                        "ter use.",
                        "",
                        "Annex <b>on</b> data & methods",
                    ],
                    ["carried over the page break.", "2"],
                ]
            )
        )
        self.assertEqual(
            body,
            "<p>1. The Parties agree to meet every year in a place they choose.</p>"
            "<p>2. The secretariat shall report on water use.</p>"
            "<p>Annex &lt;b&gt;on&lt;/b&gt; data &amp; methods carried over the "
            "page break.</p>",
        )
        self.assertEqual([note.mapping["count"] for note in notes], [2])
        self.assertEqual(notes[0], "drafts_note_pdf_text")

    def test_encrypted_pdf_is_refused(self):
        with self.assertRaises(UnusableOriginal) as caught:
            starting_body(encrypted_pdf(), "draft.pdf")
        self.assertEqual(caught.exception.message, "drafts_original_encrypted_pdf")

    def test_pdf_restricted_only_by_an_owner_password_is_read(self):
        body, notes = pdf_to_html(encrypted_pdf(user_password=""))
        self.assertEqual(body, "<p>Secret text.</p>")

    def test_scanned_pdf_has_no_text_layer(self):
        with self.assertRaises(NoTextLayer) as caught:
            starting_body(pdf_bytes([[], []]), "scan.pdf")
        self.assertEqual(caught.exception.message, "drafts_original_no_text")
        self.assertIsInstance(caught.exception, ValueError)

    def test_damaged_pdf(self):
        for data in (b"%PDF-1.7\n" + b"\0" * 200, pdf_bytes([["A."]])[:60]):
            with self.assertRaises(UnusableOriginal) as caught:
                pdf_to_html(data)
            self.assertEqual(caught.exception.message, "drafts_original_corrupt_pdf")

    def test_too_many_pages(self):
        data = pdf_bytes([["Page."]] * (conversion.MAX_PDF_PAGES + 1))
        with self.assertRaises(UnusableOriginal) as caught:
            pdf_to_html(data)
        self.assertEqual(caught.exception.message, "drafts_original_too_many_pages")
        self.assertEqual(caught.exception.message.mapping["count"], 301)

    def test_control_characters_are_not_carried_into_the_body(self):
        self.assertEqual(
            conversion.paragraphs(["Bell\x07 and\x00 null.\nNext\x1b line"]),
            ["Bell and null.", "Next line"],
        )
