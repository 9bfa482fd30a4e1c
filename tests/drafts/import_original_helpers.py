"""Fixtures of the tests of ``@@import-original`` and ``@import-original``:
a draft with its people, sessions that speak to the test server as a page
visitor (with plone.protect's authenticator) or as a REST client, and the
files that the bad-input tests send."""

from collab.portal.testing import FUNCTIONAL_TESTING
from drafts.conversion_helpers import docx_bytes
from drafts.conversion_helpers import link
from drafts.conversion_helpers import para
from drafts.conversion_helpers import pdf_bytes
from drafts.conversion_helpers import picture
from drafts.conversion_helpers import sample_docx
from drafts.draft_helpers import draft_people
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import make_draft
from plone import api
from portal_helpers import PASSWORD
from portal_helpers import rest_session
import re
import requests
import transaction
import unittest


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AUTHENTICATOR = re.compile(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"')
HELD = re.compile(r'name="held"\s+type="hidden"\s+value="([^"]+)"')


def plain_pdf():
    return pdf_bytes(
        [["Parties shall meet every year.", "", "The secretariat reports."]]
    )


def hostile_docx():
    """A ``javascript:`` link, script written as text, an embedded style
    map that maps paragraphs to <script>, an image linked from another
    server (on a port where nothing listens) and an embedded one."""
    return docx_bytes(
        [
            para("<script>alert('text')</script> stays text"),
            link("run code", "rJs"),
            picture("rPng"),
            picture("rLinked", linked=True),
        ],
        relationships={
            "rJs": ("hyperlink", "javascript:alert(1)", True),
            "rPng": ("image", "media/chart.png", False),
            "rLinked": ("image", "http://127.0.0.1:9/chart.png", True),
        },
        parts={
            "word/media/chart.png": b"\x89PNG\r\n\x1a\n",
            "mammoth/style-map": "p => script:fresh",
        },
    )


def corrupt_docx():
    return sample_docx()[:900]


class ImportOriginalTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        draft_people(self.portal)
        self.draft = make_draft(self.portal)
        transaction.commit()
        self.page_url = f"{self.draft.absolute_url()}/@@import-original"
        self.service_url = f"{self.draft.absolute_url()}/@import-original"

    # Pages

    def browser(self, login=LEAD, language="en"):
        session = requests.Session()
        session.headers.update({"Accept": "text/html", "Accept-Language": language})
        if login:
            session.auth = (login, PASSWORD)
        return session

    def authenticator(self, session):
        page = session.get(self.page_url)
        self.assertEqual(page.status_code, 200, page.text[:300])
        return AUTHENTICATOR.search(page.text).group(1)

    def upload(self, data, filename="original.docx", login=LEAD, language="en"):
        session = self.browser(login, language)
        token = self.authenticator(session)
        answer = session.post(
            self.page_url,
            data={"_authenticator": token, "upload": "1"},
            files={"file": (filename, data, "application/octet-stream")},
        )
        return session, token, answer

    def confirm(self, session, token, answer, button="confirm"):
        held = HELD.search(answer.text).group(1)
        return session.post(
            self.page_url,
            data={"_authenticator": token, "held": held, button: "1"},
        )

    # REST

    def rest(self, login=LEAD, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def post_file(self, data, filename="original.docx", login=LEAD, apply=None):
        params = {} if apply is None else {"apply": apply}
        return self.rest(login).post(
            self.service_url,
            params=params,
            files={"file": (filename, data, DOCX_TYPE)},
        )

    # What is stored

    def stored(self):
        """``(original, body html)`` as committed."""
        transaction.begin()
        text = self.draft.text
        return self.draft.original, text.raw if text else None

    def set_body(self, html):
        from plone.app.textfield.value import RichTextValue

        with api.env.adopt_user(username="admin"):
            self.draft.text = RichTextValue(html, "text/html", "text/x-html-safe")
        transaction.commit()
