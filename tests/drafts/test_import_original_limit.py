"""Issue 22 §Bad input: "a 200 MB upload (refused before it is stored
whole)". A POST or PATCH into a draft whose ``Content-Length`` is over
the limit gets 413 before Zope reads its body (``drafts/upload_limit.py``,
on ``IPubStart``): the request here says 200 MB and its body is a stream
that counts what is read of it. Other content keeps its own limits, and
the whole way through the test server (waitress) a body over a lowered
limit gets the page's and the service's 413 too."""

from collab.portal.drafts.browser.import_original import ImportOriginalView
from collab.portal.drafts.original import RequestEntityTooLarge
from collab.portal.drafts.services.import_original.post import ImportOriginalPost
from collab.portal.drafts.settings import MAX_UPLOAD_RECORD
from collab.portal.drafts.upload_limit import physical_segments
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import SECRETARIAT
from drafts.import_original_helpers import ImportOriginalTestCase
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from portal_helpers import PASSWORD
from zope.component import getUtility
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from ZPublisher.WSGIPublisher import publish_module
import base64
import io
import transaction
import unittest


MB = 1024 * 1024


def set_limit(megabytes):
    """The registry's limit (its record comes with the drafts' settings;
    made here where it is not there yet)."""
    registry = getUtility(IRegistry)
    if MAX_UPLOAD_RECORD not in registry.records:
        registry.records[MAX_UPLOAD_RECORD] = Record(field.Int(title="limit"))
    registry[MAX_UPLOAD_RECORD] = megabytes


class CountingStream(io.RawIOBase):
    """A body that claims to be large: what is read of it is counted."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"x" * count
        self.read_bytes += count
        return count


class UploadLimitTests(ImportOriginalTestCase):
    def publish(
        self, method, path, length, accept="text/html", language="en", login=LEAD
    ):
        """``(status, body, stream)`` of a request published in this
        process as the WSGI server would, its body ``length`` bytes."""
        stream = CountingStream(length)
        credentials = base64.b64encode(f"{login}:{PASSWORD}".encode()).decode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": stream,
            "CONTENT_LENGTH": str(length),
            "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
            "HTTP_ACCEPT": accept,
            "HTTP_ACCEPT_LANGUAGE": language,
            "HTTP_AUTHORIZATION": f"Basic {credentials}",
        }
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])

        site = getSite()
        try:
            body = b"".join(publish_module(environ, start_response))
        finally:
            setSite(site)  # as the publisher leaves no site behind
        transaction.begin()
        return answer["status"], body.decode("utf-8", "replace"), stream

    def test_200_mb_is_refused_unread_on_every_way_into_a_draft(self):
        draft = "/plone/en/resolution"
        for method, path, accept in (
            ("POST", f"{draft}/@@import-original", "text/html"),
            ("POST", f"{draft}/@import-original", "application/json"),
            ("PATCH", draft, "application/json"),
            ("POST", f"{draft}/edit", "text/html"),
            ("POST", "/plone/en/++add++DraftDocument", "text/html"),
            ("PATCH", "/plone/++api++/en/resolution", "application/json"),
        ):
            login = SECRETARIAT if "++add++" in path else LEAD
            status, body, stream = self.publish(
                method, path, 200 * MB, accept, login=login
            )
            self.assertEqual(status, 413, (path, body[:300]))
            self.assertIn("larger than 20 MB", body)
            self.assertEqual(stream.read_bytes, 0, path)
            if accept == "application/json":
                self.assertTrue(body.startswith("{"), body[:200])
        self.assertEqual(self.stored(), (None, None))

    def test_the_refusal_is_translated(self):
        status, body, stream = self.publish(
            "POST", "/plone/en/resolution/@@import-original", 200 * MB, language="fr"
        )
        self.assertEqual(status, 413)
        self.assertIn("20 Mo", body)
        self.assertEqual(stream.read_bytes, 0)

    def test_the_registry_limit_counts(self):
        set_limit(2)
        transaction.commit()
        path = "/plone/en/resolution/@import-original"
        status, body, stream = self.publish("POST", path, 3 * MB, "application/json")
        self.assertEqual(status, 413)
        self.assertIn("larger than 2 MB", body)
        self.assertEqual(stream.read_bytes, 0)

    def test_other_content_and_small_bodies_are_read(self):
        # Not a draft: Zope reads the body as usual.
        status, body, stream = self.publish("POST", "/plone/en/@@search", 30 * MB)
        self.assertNotEqual(status, 413)
        self.assertEqual(stream.read_bytes, 30 * MB)
        # A draft, under the limit: read, and answered by the page itself.
        path = "/plone/en/resolution/@@import-original"
        status, body, stream = self.publish("POST", path, 2 * MB)
        self.assertNotEqual(status, 413)
        self.assertGreater(stream.read_bytes, 0)

    def test_through_the_server_page_and_service(self):
        set_limit(1)
        transaction.commit()
        big = b"PK\x03\x04" + b"\0" * (2 * MB)
        answer = self.post_file(big)
        self.assertEqual(answer.status_code, 413)
        self.assertIn("larger than 1 MB", answer.json()["message"])
        session = self.browser()
        token = self.authenticator(session)
        page = session.post(
            self.page_url,
            data={"_authenticator": token, "upload": "1"},
            files={"file": ("big.docx", big, "application/octet-stream")},
        )
        self.assertEqual(page.status_code, 413)
        self.assertIn("larger than 1 MB", page.text)
        self.assertEqual(self.stored(), (None, None))


class PhysicalPathTests(unittest.TestCase):
    def test_virtual_hosting_segments_are_left_out(self):
        self.assertEqual(
            physical_segments(
                "/VirtualHostBase/https/example.org:443/plone/VirtualHostRoot"
                "/_vh_portal/en/resolution/@@import-original"
            ),
            ["plone", "en", "resolution", "@@import-original"],
        )
        self.assertEqual(physical_segments("/plone//en/"), ["plone", "en"])


class Upload(io.BytesIO):
    filename = "big.docx"


class UnmeasuredBodyTests(ImportOriginalTestCase):
    """A body without a Content-Length (a server that passes chunks on)
    reaches the page and the service whole: they measure the upload
    before reading it into memory."""

    def test_page_and_service_measure_the_upload(self):
        set_limit(1)
        request = self.layer["request"]
        big = Upload(b"PK\x03\x04" + b"\0" * (2 * MB))
        with self.assertRaises(RequestEntityTooLarge):
            ImportOriginalView(self.draft, request).convert(big)
        self.assertEqual(big.tell(), 0)  # measured, not read
        request.form["file"] = big
        service = ImportOriginalPost()
        service.context, service.request = self.draft, request
        with self.assertRaises(RequestEntityTooLarge):
            service.upload()
        self.assertEqual(big.tell(), 0)
