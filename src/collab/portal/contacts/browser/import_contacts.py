"""``@@import-contacts`` on a contact directory: upload a CSV or XLSX
file, see what would be created, updated, skipped and refused, then
import (all or nothing). The previewed file travels back in the form, so
the preview stores nothing; the import checks every row again."""

from collab.portal import _
from collab.portal.contacts.import_files import UnreadableFile
from collab.portal.contacts.importing import apply_import
from collab.portal.contacts.importing import plan_import
from collab.portal.contacts.importing import SKIP
from collab.portal.contacts.importing import UPDATE
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate
import base64
import binascii


class ImportContactsView(BrowserView):
    plan = None
    error = None
    imported = False
    data = b""
    filename = ""

    def __call__(self):
        form = self.request.form
        self.duplicates = SKIP if form.get("duplicates") == SKIP else UPDATE
        if self.request.method == "POST" and (form.get("preview") or form.get("apply")):
            CheckAuthenticator(self.request)
            self.read_upload(form)
            if self.error is None:
                self.run(apply=bool(form.get("apply")))
            if self.error is not None or (self.plan and self.plan.refused):
                self.request.response.setStatus(400)
        return self.index()

    def read_upload(self, form):
        upload = form.get("file")
        if getattr(upload, "filename", "") and hasattr(upload, "read"):
            self.data, self.filename = upload.read(), upload.filename
        elif form.get("file_data"):
            try:
                self.data = base64.b64decode(form["file_data"], validate=True)
            except (binascii.Error, ValueError):
                self.data = b""
            self.filename = str(form.get("filename", ""))
        if not self.data:
            self.error = _("import_choose_file", default="Choose a CSV or XLSX file.")

    def run(self, apply):
        run = apply_import if apply else plan_import
        try:
            self.plan = run(self.context, self.data, self.filename, self.duplicates)
            self.imported = apply and not self.plan.refused
        except UnreadableFile as error:
            self.error = error.message

    def result(self):
        return self.plan.as_dict(lambda m: translate(m, context=self.request))

    def file_data(self):
        return base64.b64encode(self.data).decode("ascii")

    def can_apply(self):
        return (
            self.plan is not None
            and not self.plan.refused
            and not self.imported
            and (self.plan.create or self.plan.update)
        )
