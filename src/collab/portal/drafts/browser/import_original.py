"""``<draft>/@@import-original``: upload the lead author's original (DOCX
or PDF), see the body it gives and what the conversion left out, then
keep it.

The first POST converts the file and holds the result on the server for
its uploader (``original.hold``); the page shows the body and notes and a
form that carries only the held preview's key. The confirming POST takes
the held file and body back (``original.take_held``): nothing the client
sends a second time is trusted, and the file is not asked for again. Both
POSTs carry plone.protect's authenticator.

A PDF gives a starting body only: when the draft has a text already the
page says that the PDF's text would replace it, the button says so, and
a second button keeps the file without touching the text.
"""

from collab.portal import _
from collab.portal.drafts import original
from collab.portal.drafts.conversion import check_size
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.drafts.settings import max_upload_bytes
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zope.i18n import translate


STORED_WITH_BODY = _(
    "drafts_import_stored_body",
    default="The original is kept and its text is now the draft's body.",
)
STORED_FILE_ONLY = _(
    "drafts_import_stored_file",
    default="The original is kept; the draft's text was not changed.",
)


class ImportOriginalView(BrowserView):
    preview = None
    held = ""
    error = None
    done = None

    def __call__(self):
        original.check_may_import(self.context, self.request)
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                if form.get("confirm") or form.get("file_only"):
                    self.confirm(form.get("held"), use_body=bool(form.get("confirm")))
                else:
                    self.convert(form.get("file"))
            except (BadRequest, original.RequestEntityTooLarge) as error:
                self.error = str(error.args[0]) if error.args else str(error)
                self.request.response.setStatus(type(error))
        return self.index()

    def convert(self, upload):
        if not (getattr(upload, "filename", "") and hasattr(upload, "read")):
            raise BadRequest(translate(original.NO_FILE, context=self.request))
        try:
            # A body sent without a Content-Length (in chunks) reaches
            # here whole: measured before it is read into memory.
            check_size(upload)
        except UnusableOriginal as error:
            raise original.refusal(error, self.request) from None
        data = upload.read()
        self.preview = original.convert(data, upload.filename, self.request)
        self.held = original.hold(self.context, data, upload.filename, self.preview)

    def confirm(self, key, use_body):
        data, filename, preview = original.take_held(self.context, key, self.request)
        replaced = original.store(self.context, data, filename, preview, use_body)
        message = STORED_WITH_BODY if replaced else STORED_FILE_ONLY
        self.done = translate(message, context=self.request)

    def notes(self):
        return [translate(note, context=self.request) for note in self.preview.notes]

    def has_body(self):
        return original.has_body(self.context)

    def max_megabytes(self):
        return max_upload_bytes() // (1024 * 1024)
