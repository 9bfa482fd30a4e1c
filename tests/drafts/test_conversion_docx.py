"""Issue 22, a DOCX original converted on a site (Plone's safe_html is a
tool of the site): headings, numbered lists, tables and footnotes kept;
scripts, event attributes, unsafe links and every image left out, even
where the site has switched safe_html's filtering off."""

from collab.portal.drafts.conversion import docx_to_html
from collab.portal.drafts.conversion import starting_body
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.testing import INTEGRATION_TESTING
from drafts.conversion_helpers import docx_bytes
from drafts.conversion_helpers import link
from drafts.conversion_helpers import para
from drafts.conversion_helpers import picture
from drafts.conversion_helpers import PNG
from drafts.conversion_helpers import run
from drafts.conversion_helpers import sample_docx
from http.server import BaseHTTPRequestHandler
from http.server import HTTPServer
from lxml import html as lxml_html
from plone import api
import threading
import unittest


def elements(body):
    return list(lxml_html.fragment_fromstring(body, create_parent="div").iter())[1:]


def docx_bytes_html(body):
    return docx_to_html(docx_bytes(body))


class CountingServer:
    """An HTTP server on localhost that counts the requests it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def hostile_docx(image_url):
    """Links that run code, an attribute break-out, script as text, an
    embedded style map that maps paragraphs to <script>, a macro part,
    an embedded and a linked image, and one honest link."""
    relationships = {
        "rJs": ("hyperlink", "javascript:alert(1)", True),
        "rVb": ("hyperlink", "VBScript:msgbox(1)", True),
        "rData": ("hyperlink", "data:text/html,<script>alert(1)</script>", True),
        "rFile": ("hyperlink", "file:///etc/passwd", True),
        "rQuote": ("hyperlink", 'https://example.org/" onmouseover="alert(1)', True),
        "rWeb": ("hyperlink", "https://example.org/report", True),
        "rPng": ("image", "media/chart.png", False),
        "rLinked": ("image", image_url, True),
    }
    return docx_bytes(
        [
            para("<script>alert('text')</script> stays text"),
            link("run code", "rJs"),
            link("run basic", "rVb"),
            link("data page", "rData"),
            link("local file", "rFile"),
            link("break out", "rQuote"),
            link("the report", "rWeb"),
            picture("rPng"),
            picture("rLinked", linked=True),
        ],
        relationships=relationships,
        parts={
            "word/media/chart.png": PNG,
            "mammoth/style-map": "p => script:fresh",
            "word/vbaProject.bin": b'Sub AutoOpen()\nShell "calc"\nEnd Sub',
        },
    )


class DocxConversionTests(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_headings_lists_tables_and_footnotes_are_kept(self):
        body, notes = starting_body(sample_docx(), "Draft resolution.docx")
        self.assertEqual(
            body,
            "<h1>Draft resolution on shared waters</h1><p>The Parties,</p>"
            "<h2>Operative part</h2><ol><li>Decide to meet every year;</li>"
            "<li>Request the secretariat to report.</li></ol>"
            '<p>Recalling the earlier decision<sup><a href="#fn-footnote-1" '
            'id="fn-footnote-ref-1">[1]</a></sup></p>'
            "<table><tr><td><p>Country</p></td><td><p>Share</p></td></tr>"
            "<tr><td><p>Chile</p></td><td><p>12 %</p></td></tr></table>"
            "<p>An oddly styled paragraph</p>"
            '<ol><li id="fn-footnote-1"><p>Decision 3/2 of the second meeting. '
            '<a href="#fn-footnote-ref-1">\u2191</a></p></li></ol>',
        )
        self.assertEqual(notes, ["drafts_note_unknown_styles"])
        self.assertEqual(notes[0].mapping, {"count": 1})

    def assert_inert(self, body):
        tags = [element.tag for element in elements(body)]
        self.assertNotIn("script", tags)
        self.assertNotIn("img", tags)
        for element in elements(body):
            for name, value in element.attrib.items():
                self.assertFalse(name.startswith("on"), (name, body))
                self.assertNotRegex(value.lower(), r"script|data:|file:", body)

    def hostile_result(self):
        server = CountingServer()
        self.addCleanup(server.close)
        body, notes = docx_to_html(hostile_docx(server.url + "/chart.png"))
        return server, body, notes

    def test_nothing_that_runs_or_fetches_survives(self):
        server, body, notes = self.hostile_result()
        self.assert_inert(body)
        hrefs = [
            element.get("href") for element in elements(body) if element.tag == "a"
        ]
        self.assertEqual(hrefs[:4], [None] * 4)
        self.assertEqual(hrefs[5], "https://example.org/report")
        # An address with a quote in it stays one attribute value.
        self.assertTrue(hrefs[4].startswith('https://example.org/"'), hrefs[4])
        # Each link's text is kept, and the text that looked like a script.
        text = lxml_html.fragment_fromstring(body, create_parent="div").text_content()
        for words in ("run code", "run basic", "data page", "local file", "break out"):
            self.assertIn(words, text)
        self.assertIn("<script>alert('text')</script> stays text", text)
        self.assertEqual(server.hits, [])

    def test_notes_say_what_was_left_out(self):
        server, body, notes = self.hostile_result()
        counts = {str(note): note.mapping["count"] for note in notes}
        self.assertEqual(
            counts, {"drafts_note_images_left_out": 2, "drafts_note_links_removed": 4}
        )

    def test_safe_html_switched_off_changes_nothing(self):
        api.portal.set_registry_record("plone.disable_filtering", True)
        server, body, notes = self.hostile_result()
        self.assert_inert(body)
        self.assertEqual(server.hits, [])

    def test_safe_html_of_the_site_applies(self):
        """A tag the site forbids (here <sup>, for the test) is taken out by
        Plone's transform, not only by the conversion's own pass."""
        valid = api.portal.get_registry_record("plone.valid_tags")
        api.portal.set_registry_record(
            "plone.valid_tags", [tag for tag in valid if tag != "sup"]
        )
        body, notes = docx_to_html(sample_docx())
        self.assertNotIn("<sup>", body)
        self.assertIn('id="fn-footnote-ref-1"', body)

    def test_what_mammoth_could_not_convert_is_counted(self):
        body, notes = docx_bytes_html(
            [para("Kept", extra="<w:r><w:madeUp/></w:r><w:r><w:madeUpToo/></w:r>")]
        )
        self.assertEqual(body, "<p>Kept</p>")
        self.assertEqual(notes, ["drafts_note_other_warnings"])
        self.assertEqual(notes[0].mapping, {"count": 2})

    def test_tracked_changes_come_out_accepted(self):
        deleted = (
            '<w:del w:id="1" w:author="A">'
            "<w:r><w:delText>shall</w:delText></w:r></w:del>"
        )
        inserted = f'<w:ins w:id="2" w:author="A">{run("should")}</w:ins>'
        body, notes = docx_bytes_html([para("The Parties ", extra=deleted + inserted)])
        self.assertEqual(body, "<p>The Parties should</p>")

    def test_empty_document(self):
        with self.assertRaises(UnusableOriginal) as caught:
            docx_to_html(docx_bytes([para("")]))
        self.assertEqual(caught.exception.message, "drafts_original_empty_docx")

    def test_an_xml_entity_bomb_is_a_damaged_file(self):
        laughs = (
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            + "".join(
                f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'
                for n in range(9)
            )
            + ']><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&j;</w:t>'
            "</w:r></w:p></w:body></w:document>"
        )
        with self.assertRaises(UnusableOriginal) as caught:
            docx_to_html(docx_bytes([], parts={"word/document.xml": laughs}))
        self.assertEqual(caught.exception.message, "drafts_original_corrupt_docx")
