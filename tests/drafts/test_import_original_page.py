"""Issue 22 §Content, the way in for the lead author's original: the
``@@import-original`` page. Upload, preview with the conversion's notes,
"Use this text" stores the original and the body (with paragraph ids); a
PDF never replaces a body silently; the confirmation trusts only the key
of the preview held on the server; both POSTs need the authenticator."""

from collab.portal.drafts.original import HELD_KEY
from drafts.conversion_helpers import pdf_bytes
from drafts.conversion_helpers import sample_docx
from drafts.draft_helpers import move_to
from drafts.draft_helpers import SECRETARIAT
from drafts.import_original_helpers import AUTHENTICATOR
from drafts.import_original_helpers import ImportOriginalTestCase
from drafts.import_original_helpers import plain_pdf
from zope.annotation.interfaces import IAnnotations
import transaction


class ImportOriginalPageTests(ImportOriginalTestCase):
    def test_docx_preview_then_use_this_text(self):
        docx = sample_docx()
        session, token, answer = self.upload(docx, "Resolution.docx")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertIn("Draft resolution on shared waters", answer.text)
        self.assertIn("<table>", answer.text)
        # mammoth's unknown style, counted in the uploader's words.
        self.assertIn("style(s) of the document are not known here", answer.text)
        self.assertIn(">Use this text<", answer.text)
        self.assertNotIn("Replace the body", answer.text)
        # Nothing is stored by the preview.
        self.assertEqual(self.stored(), (None, None))

        done = self.confirm(session, token, answer)
        self.assertEqual(done.status_code, 200, done.text[:500])
        self.assertIn("its text is now the draft", done.text)
        original, body = self.stored()
        self.assertEqual(original.filename, "Resolution.docx")
        self.assertEqual(original.data, docx)
        self.assertTrue(original.contentType.endswith("wordprocessingml.document"))
        self.assertIn("Draft resolution on shared waters", body)
        self.assertIn('id="p-', body)  # the paragraph ids of the subscriber
        self.assertEqual(self.draft.text.mimeType, "text/html")
        self.assertEqual(self.draft.text.outputMimeType, "text/x-html-safe")
        # The held preview is gone once used, and cannot be used again.
        self.assertEqual(len(IAnnotations(self.draft)[HELD_KEY]), 0)
        again = self.confirm(session, token, answer)
        self.assertEqual(again.status_code, 400)
        self.assertIn("expired or was already used", again.text)

    def test_pdf_over_a_body_says_so_and_may_keep_the_body(self):
        self.set_body("<p>The text of round one.</p>")
        session, token, answer = self.upload(plain_pdf(), "resolution.pdf")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertIn("Parties shall meet every year.", answer.text)
        self.assertIn("The draft has a text already", answer.text)
        self.assertIn(">Replace the body with this text<", answer.text)
        self.assertNotIn(">Use this text<", answer.text)
        self.assertIn("Keep only the file, not its text", answer.text)
        done = self.confirm(session, token, answer, button="file_only")
        self.assertEqual(done.status_code, 200, done.text[:500])
        self.assertIn("the draft's text was not changed", done.text)
        original, body = self.stored()
        self.assertEqual(original.contentType, "application/pdf")
        self.assertEqual(original.data, plain_pdf())
        self.assertIn("The text of round one.", body)
        self.assertNotIn("Parties shall meet", body)

    def test_pdf_replaces_the_body_when_asked(self):
        self.set_body("<p>The text of round one.</p>")
        session, token, answer = self.upload(plain_pdf(), "resolution.pdf")
        done = self.confirm(session, token, answer)
        self.assertEqual(done.status_code, 200, done.text[:500])
        original, body = self.stored()
        self.assertIn("Parties shall meet every year.", body)
        self.assertNotIn("round one", body)

    def test_posts_without_the_authenticator_are_refused(self):
        session = self.browser()
        answer = session.post(
            self.page_url,
            data={"upload": "1"},
            files={"file": ("a.docx", sample_docx(), "application/octet-stream")},
        )
        self.assertEqual(answer.status_code, 403)
        self.assertEqual(self.stored(), (None, None))
        session, token, answer = self.upload(sample_docx())
        held = answer.text.split('name="held"')[1].split('value="')[1].split('"')[0]
        refused = session.post(self.page_url, data={"held": held, "confirm": "1"})
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.stored(), (None, None))

    def test_a_preview_is_confirmed_by_its_uploader_only(self):
        session, token, answer = self.upload(sample_docx())
        other = self.browser(SECRETARIAT)
        other_token = self.authenticator(other)
        held = answer.text.split('name="held"')[1].split('value="')[1].split('"')[0]
        refused = other.post(
            self.page_url,
            data={"_authenticator": other_token, "held": held, "confirm": "1"},
        )
        self.assertEqual(refused.status_code, 400)
        self.assertIn("expired or was already used", refused.text)
        self.assertEqual(self.stored(), (None, None))
        # A key made up by the client is no preview either.
        made_up = session.post(
            self.page_url,
            data={"_authenticator": token, "held": "guess", "confirm": "1"},
        )
        self.assertEqual(made_up.status_code, 400)
        self.assertEqual(self.stored(), (None, None))

    def test_a_preview_is_refused_once_the_round_opens(self):
        session, token, answer = self.upload(sample_docx())
        move_to(self.draft, "round_open")
        refused = self.confirm(session, token, answer)
        self.assertEqual(refused.status_code, 409)
        self.assertIn("while a comment round is open", refused.text)
        self.assertEqual(self.stored(), (None, None))

    def test_the_page_is_translated(self):
        session = self.browser(language="es")
        page = session.get(self.page_url)
        self.assertEqual(page.status_code, 200)
        self.assertTrue(AUTHENTICATOR.search(page.text))
        self.assertIn("Importar el original", page.text[-8000:])

    def test_the_tab_is_shown_to_editors_only(self):
        lead = self.browser().get(self.draft.absolute_url())
        self.assertEqual(lead.status_code, 200)
        self.assertIn("@@import-original", lead.text)
        move_to(self.draft, "final")
        transaction.commit()
        admin_view = self.browser(SECRETARIAT).get(self.draft.absolute_url())
        self.assertEqual(admin_view.status_code, 200)
        self.assertIn(self.draft.Title(), admin_view.text)
        self.assertNotIn("@@import-original", admin_view.text)

    def test_a_scanned_pdf_is_kept_as_the_original_only(self):
        scanned = pdf_bytes([[]])  # a page without a text layer
        session, token, answer = self.upload(scanned, "scan.pdf")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertIn("probably scanned", answer.text)
        self.assertNotIn(">Use this text<", answer.text)
        self.assertIn("Keep only the file, not its text", answer.text)
        done = self.confirm(session, token, answer, button="file_only")
        self.assertEqual(done.status_code, 200)
        original, body = self.stored()
        self.assertEqual(original.data, scanned)
        self.assertEqual(original.filename, "scan.pdf")
        self.assertIsNone(body)
