"""``@@import-contacts`` on a contact directory: upload a CSV or XLSX
file, see what would be created, updated, skipped and refused, then
import (all or nothing). The previewed file is kept on the server for
its user (``import_uploads``), the form carries only a token; the import
checks every row again."""

from collab.portal import _
from collab.portal.contacts import import_uploads
from collab.portal.contacts.import_files import UnreadableFile
from collab.portal.contacts.importing import apply_import
from collab.portal.contacts.importing import plan_import
from collab.portal.contacts.importing import SKIP
from collab.portal.contacts.importing import UPDATE
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


CHOOSE_FILE = _("import_choose_file", default="Choose a CSV or XLSX file.")
NOT_KEPT = _(
    "import_preview_expired",
    default="The previewed file is no longer kept (half an hour has passed, or "
    "another file was previewed since): choose it and preview it again.",
)


class ImportContactsView(BrowserView):
    plan = None
    error = None
    imported = False
    data = b""
    filename = ""
    upload = ""

    def __call__(self):
        form = self.request.form
        self.duplicates = SKIP if form.get("duplicates") == SKIP else UPDATE
        if self.request.method == "POST" and (form.get("preview") or form.get("apply")):
            CheckAuthenticator(self.request)
            apply = bool(form.get("apply")) and not form.get("preview")
            if apply:
                self.read_kept(form.get("upload"))
            else:
                self.read_upload(form.get("file"))
            if self.error is None:
                self.run(apply)
            if self.error is not None or (self.plan and self.plan.refused):
                self.request.response.setStatus(400)
        return self.index()

    def userid(self):
        return api.user.get_current().getId()

    def read_upload(self, upload):
        """The file chosen (one: a field sent twice is no file)."""
        if getattr(upload, "filename", "") and hasattr(upload, "read"):
            self.data, self.filename = upload.read(), upload.filename
        if not self.data:
            self.error = CHOOSE_FILE

    def read_kept(self, token):
        found = import_uploads.kept(self.context, self.userid(), token)
        if found is None:
            self.error = NOT_KEPT
        else:
            self.data, self.filename = found

    def run(self, apply):
        run = apply_import if apply else plan_import
        try:
            self.plan = run(self.context, self.data, self.filename, self.duplicates)
        except UnreadableFile as error:
            self.error = error.message
            return
        self.imported = apply and not self.plan.refused
        if self.imported:
            import_uploads.forget(self.context, self.userid())
        elif not apply and self.can_apply():
            self.upload = import_uploads.keep(
                self.context, self.userid(), self.data, self.filename
            )

    def result(self):
        return self.plan.as_dict(lambda m: translate(m, context=self.request))

    def can_apply(self):
        return (
            self.plan is not None
            and not self.plan.refused
            and not self.imported
            and (self.plan.create or self.plan.update)
        )
