"""Polling a content's comments (issue 22's live comments, the engine's
part): ``GET @comments`` carries an ETag and answers 304 to a client that
holds it, until something the reader's list shows has changed."""

from collab.portal.testing import FUNCTIONAL_TESTING
from comments.host_helpers import NoteHostFixture
from plone import api
from portal_helpers import rest_session
import transaction
import unittest


class TestPollingComments(NoteHostFixture, unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()
        self.url = f"{self.document.absolute_url()}/@comments"
        self.member = rest_session(self.portal.absolute_url(), "member")
        self.editor = rest_session(self.portal.absolute_url(), "editor")

    def poll(self, session, etag, **params):
        return session.get(self.url, headers={"If-None-Match": etag}, params=params)

    def first(self, session, **params):
        response = session.get(self.url, params=params)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["ETag"].startswith('"'))
        self.assertIn("no-cache", response.headers["Cache-Control"])
        return response.headers["ETag"]

    def post(self, session, text):
        response = session.post(self.url, json={"text": text})
        self.assertEqual(response.status_code, 204, response.text)

    def test_unchanged_answers_304_without_a_body(self):
        self.post(self.editor, "First.")
        etag = self.first(self.member)
        again = self.poll(self.member, etag)
        self.assertEqual(again.status_code, 304, again.text)
        self.assertEqual(again.content, b"")
        self.assertEqual(again.headers["ETag"], etag)

    def test_a_new_comment_changes_it(self):
        etag = self.first(self.member)
        self.post(self.editor, "News.")
        changed = self.poll(self.member, etag)
        self.assertEqual(changed.status_code, 200)
        self.assertIn("News.", changed.text)
        self.assertNotEqual(changed.headers["ETag"], etag)
        self.assertEqual(
            self.poll(self.member, changed.headers["ETag"]).status_code, 304
        )

    def test_an_edit_and_a_removal_change_it(self):
        self.post(self.editor, "Typo.")
        [item] = self.editor.get(self.url).json()["items"]
        etag = self.first(self.member)
        edited = self.editor.patch(item["@id"], json={"text": "No typo."})
        self.assertEqual(edited.status_code, 204, edited.text)
        changed = self.poll(self.member, etag)
        self.assertEqual(changed.status_code, 200)
        self.assertIn("No typo.", changed.text)
        etag = changed.headers["ETag"]
        removed = rest_session(self.portal.absolute_url(), "siteadmin").delete(
            item["@id"]
        )
        self.assertEqual(removed.status_code, 204, removed.text)
        gone = self.poll(self.member, etag)
        self.assertEqual(gone.status_code, 200)
        self.assertNotIn("No typo.", gone.text)

    def test_another_reader_language_or_page_gets_its_own(self):
        self.post(self.editor, "Shared.")
        etag = self.first(self.member)
        self.assertEqual(self.poll(self.editor, etag).status_code, 200)
        anonymous = rest_session(self.portal.absolute_url())
        self.assertEqual(self.poll(anonymous, etag).status_code, 200)
        spanish = rest_session(self.portal.absolute_url(), "member", language="es")
        self.assertEqual(self.poll(spanish, etag).status_code, 200)
        self.assertEqual(self.poll(self.member, etag, b_size=1).status_code, 200)
        self.assertEqual(self.poll(self.member, etag).status_code, 304)

    def test_one_comment_by_id_is_not_conditional(self):
        self.post(self.editor, "One.")
        [item] = self.editor.get(self.url).json()["items"]
        response = self.member.get(item["@id"], headers={"If-None-Match": "*"})
        self.assertEqual(response.status_code, 200, response.text)
