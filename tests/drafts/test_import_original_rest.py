"""Issue 22 §REST, the original over REST: ``POST <draft>/@import-original``
(multipart or JSON as plone.restapi's file fields take it, ``?apply``),
and a plain ``PATCH <draft>`` with ``original`` going through the same
checks."""

from drafts.conversion_helpers import sample_docx
from drafts.draft_helpers import move_to
from drafts.import_original_helpers import corrupt_docx
from drafts.import_original_helpers import DOCX_TYPE
from drafts.import_original_helpers import ImportOriginalTestCase
from drafts.import_original_helpers import plain_pdf
import base64


def as_json(data, filename):
    return {
        "file": {
            "data": base64.b64encode(data).decode("ascii"),
            "filename": filename,
            "content-type": DOCX_TYPE,
        }
    }


class ImportOriginalServiceTests(ImportOriginalTestCase):
    def test_a_docx_is_stored_by_default(self):
        docx = sample_docx()
        answer = self.post_file(docx, "Resolution.docx")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        result = answer.json()
        self.assertEqual(result["kind"], "docx")
        self.assertTrue(result["stored"])
        self.assertTrue(result["text_replaced"])
        self.assertIn("Draft resolution on shared waters", result["html"])
        self.assertIn('id="p-', result["html"])
        self.assertTrue(any("not known here" in m for m in result["messages"]))
        original, body = self.stored()
        self.assertEqual(original.data, docx)
        self.assertEqual(original.filename, "Resolution.docx")
        self.assertEqual(body, result["html"])

    def test_apply_false_stores_nothing(self):
        answer = self.post_file(sample_docx(), apply="false")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertFalse(answer.json()["stored"])
        self.assertIn("shared waters", answer.json()["html"])
        self.assertEqual(self.stored(), (None, None))

    def test_a_pdf_is_only_previewed_unless_asked(self):
        self.set_body("<p>The text of round one.</p>")
        answer = self.post_file(plain_pdf(), "resolution.pdf")
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertEqual(answer.json()["kind"], "pdf")
        self.assertFalse(answer.json()["stored"])
        self.assertIn("Parties shall meet every year.", answer.json()["html"])
        original, body = self.stored()
        self.assertIsNone(original)
        self.assertIn("round one", body)
        applied = self.post_file(plain_pdf(), "resolution.pdf", apply="true")
        self.assertEqual(applied.status_code, 200, applied.text[:500])
        self.assertTrue(applied.json()["text_replaced"])
        original, body = self.stored()
        self.assertEqual(original.contentType, "application/pdf")
        self.assertIn("Parties shall meet every year.", body)

    def test_json_body_as_plone_restapi_file_fields(self):
        docx = sample_docx()
        answer = self.rest().post(self.service_url, json=as_json(docx, "r.docx"))
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertTrue(answer.json()["stored"])
        self.assertEqual(self.stored()[0].data, docx)

    def test_bad_requests(self):
        session = self.rest()
        cases = [
            ({"file": {"data": "not base64!"}}, "Send the file as"),
            ({"file": "a string"}, "Send the file as"),
            ({}, "Send the file as"),
        ]
        for body, message in cases:
            answer = session.post(self.service_url, json=body)
            self.assertEqual(answer.status_code, 400, body)
            self.assertIn(message, answer.json()["message"])
        answer = self.post_file(sample_docx(), apply="perhaps")
        self.assertEqual(answer.status_code, 400)
        self.assertIn("apply is true or false", answer.json()["message"])
        answer = session.post(self.service_url, data={"nothing": "1"})
        self.assertEqual(answer.status_code, 400)
        self.assertIn("Choose a DOCX or PDF file", answer.json()["message"])
        self.assertEqual(self.stored(), (None, None))

    def test_wrong_state_is_a_conflict(self):
        move_to(self.draft, "round_open")
        answer = self.post_file(sample_docx(), login="admin")
        self.assertEqual(answer.status_code, 409)
        self.assertIn("while a comment round is open", answer.json()["message"])
        self.assertEqual(self.stored(), (None, None))

    def test_errors_are_translated(self):
        answer = self.rest(language="fr").post(
            self.service_url, files={"file": ("a.docx", corrupt_docx(), DOCX_TYPE)}
        )
        self.assertEqual(answer.status_code, 400)
        self.assertIn("Le document Word est endommagé", answer.json()["message"])


class PatchOriginalTests(ImportOriginalTestCase):
    def patch(self, data, filename):
        return self.rest().patch(
            self.draft.absolute_url(),
            json={
                "original": {
                    "data": base64.b64encode(data).decode("ascii"),
                    "encoding": "base64",
                    "filename": filename,
                    "content-type": "application/octet-stream",
                }
            },
        )

    def test_a_usable_docx_is_kept(self):
        docx = sample_docx()
        answer = self.patch(docx, "r.docx")
        self.assertEqual(answer.status_code, 204, answer.text[:500])
        self.assertEqual(self.stored()[0].data, docx)

    def test_an_unusable_original_is_refused(self):
        for data, filename, message in (
            (b"just text", "notes.txt", "neither a Word document"),
            (corrupt_docx(), "r.docx", "damaged"),
            (plain_pdf(), "r.docx", "is a PDF, not a Word document"),
        ):
            answer = self.patch(data, filename)
            self.assertEqual(answer.status_code, 400, filename)
            self.assertIn(message, answer.text)
            self.assertEqual(self.stored(), (None, None))
