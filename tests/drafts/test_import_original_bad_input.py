"""Issue 22 §Bad input, on the page and over REST: a corrupt DOCX, a PDF
posing as a DOCX, a DOCX with script and external images, an encrypted
PDF, an empty file. Each gets a clear translated error (or, for the
hostile DOCX, a body with nothing of the script or the images) and
nothing is stored. The 200 MB upload: ``test_import_original_limit``."""

from drafts.conversion_helpers import encrypted_pdf
from drafts.conversion_helpers import sample_docx
from drafts.draft_helpers import LEAD
from drafts.import_original_helpers import corrupt_docx
from drafts.import_original_helpers import hostile_docx
from drafts.import_original_helpers import ImportOriginalTestCase
from drafts.import_original_helpers import plain_pdf
from lxml import html as lxml_html
from portal_helpers import assert_page
from portal_helpers import page_browser


BAD_FILES = (
    # name, bytes, file name, English message, Spanish message
    ("corrupt", corrupt_docx, "r.docx", "is damaged", "está dañado"),
    ("pdf as docx", plain_pdf, "r.docx", "is a PDF, not a Word", "es un PDF"),
    ("encrypted", encrypted_pdf, "r.pdf", "protected by a password", "contraseña"),
    ("empty", lambda: b"", "r.docx", "The file is empty.", "El archivo está vacío."),
    ("text", lambda: b"hello", "r.docx", "neither a Word document", "ni un documento"),
)


def unsafe_parts(markup):
    """What of a body could run or fetch: script elements, event or
    style attributes, javascript: or data: links, images."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    found = []
    for element in root.iter():
        if element.tag in ("script", "img", "image", "iframe", "object", "style"):
            found.append(element.tag)
        for name, value in element.attrib.items():
            if name.startswith("on") or name in ("style", "src"):
                found.append(name)
            if "javascript:" in value.lower() or "data:" in value.lower():
                found.append(value)
    return found


class BadInputPageTests(ImportOriginalTestCase):
    def test_bad_files_are_refused_on_the_page(self):
        for name, make, filename, english, spanish in BAD_FILES:
            for language, message in (("en", english), ("es", spanish)):
                session, token, answer = self.upload(
                    make(), filename, language=language
                )
                self.assertEqual(answer.status_code, 400, (name, answer.text[:200]))
                self.assertIn('role="alert"', answer.text)
                self.assertIn(message, answer.text, (name, language))
                self.assertNotIn('name="held"', answer.text)
        self.assertEqual(self.stored(), (None, None))

    def test_no_file_chosen(self):
        session = self.browser()
        token = self.authenticator(session)
        answer = session.post(self.page_url, data={"_authenticator": token})
        self.assertEqual(answer.status_code, 400)
        self.assertIn("Choose a DOCX or PDF file", answer.text)

    def test_hostile_docx_previewed_and_stored_without_script_or_images(self):
        session, token, answer = self.upload(hostile_docx())
        self.assertEqual(answer.status_code, 200, answer.text[:300])
        preview = answer.text.split('class="collab-import-body')[1].split("</div>")[0]
        self.assertIn("stays text", preview)
        self.assertIn("&lt;script&gt;", preview)  # the text, escaped
        self.assertEqual(unsafe_parts("<div " + preview + "</div>"), [])
        self.assertIn("image(s) were left out", answer.text)
        self.assertIn("link(s) that could run code", answer.text)
        done = self.confirm(session, token, answer)
        self.assertEqual(done.status_code, 200)
        original, body = self.stored()
        self.assertIn("stays text", body)
        self.assertEqual(unsafe_parts(body), [])
        # The original is kept as it came: it is the lead author's file.
        self.assertEqual(original.contentType.split(".")[-1], "document")


class BadInputServiceTests(ImportOriginalTestCase):
    def test_bad_files_are_refused_over_rest(self):
        for name, make, filename, english, _spanish in BAD_FILES:
            for apply in ("true", "false"):
                answer = self.post_file(make(), filename, apply=apply)
                self.assertEqual(answer.status_code, 400, (name, answer.text[:200]))
                self.assertIn(english, answer.json()["message"], name)
        self.assertEqual(self.stored(), (None, None))

    def test_hostile_docx_over_rest(self):
        answer = self.post_file(hostile_docx())
        self.assertEqual(answer.status_code, 200, answer.text[:300])
        self.assertEqual(unsafe_parts(answer.json()["html"]), [])
        original, body = self.stored()
        self.assertIn("stays text", body)
        self.assertEqual(unsafe_parts(body), [])

    def test_a_docx_named_pdf_is_refused(self):
        answer = self.post_file(sample_docx(), "r.pdf")
        self.assertEqual(answer.status_code, 400)
        self.assertIn("is a Word document, not a PDF", answer.json()["message"])
        self.assertEqual(self.stored(), (None, None))


class BadOriginalOnTheEditForm(ImportOriginalTestCase):
    """The draft's own edit form checks its ``original`` field alike
    (``original.OriginalValidator``)."""

    def edit_with(self, data, filename):
        browser = page_browser(self.layer["app"], LEAD)
        browser.open(f"{self.draft.absolute_url()}/edit")
        control = browser.getControl(name="form.widgets.original")
        control.add_file(data, "application/octet-stream", filename)
        browser.getControl(name="form.buttons.save").click()
        return browser

    def test_a_pdf_posing_as_a_docx_is_refused(self):
        browser = self.edit_with(plain_pdf(), "r.docx")
        assert_page(self, browser, "is a PDF, not a Word document")
        self.assertIn("edit", browser.url)
        self.assertEqual(self.stored(), (None, None))

    def test_a_usable_docx_is_kept(self):
        docx = sample_docx()
        browser = self.edit_with(docx, "r.docx")
        assert_page(self, browser, "Changes saved")
        self.assertEqual(self.stored()[0].data, docx)
