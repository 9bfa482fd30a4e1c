"""``POST <draft>/@import-original``: the lead author's original (DOCX or
PDF) converted and, unless ``?apply=false``, kept with its text as the
draft's body.

The file comes as a multipart field ``file`` or as JSON ``{"file":
{"data": <base64>, "filename": ..., "content-type": ...}}`` (as
plone.restapi's file fields take it; ``encoding`` may be left out, base64
is the only one taken). ``apply`` defaults to true for a DOCX and to
false for a PDF, whose text is only a starting body: a client asks for it
explicitly. The answer: ``kind``, ``html`` (the body, without paragraph
ids before it is stored; with them after), ``messages`` (translated notes
of what the conversion left out), ``stored`` (the original kept) and
``text_replaced``.

Errors, nothing stored: 400 bad file or body, 401/403 not the
secretariat or the lead author, 409 a round is open or the draft is
final, 413 too large."""

from collab.portal import _
from collab.portal.drafts import original
from collab.portal.drafts.conversion import check_size
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.errors import json_object
from collab.portal.errors import sent_as_json
from collab.portal.errors import shown
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides
import base64
import binascii


BAD_APPLY = _("drafts_import_bad_apply", default="apply is true or false.")
BAD_DATA = _(
    "drafts_import_bad_data",
    default='Send the file as {"file": {"data": <base64>, "filename": <name>}}.',
)
FLAGS = {"true": True, "1": True, "false": False, "0": False}


class ImportOriginalPost(Service):
    def reply(self):
        original.check_may_import(self.context, self.request)
        data, filename = self.upload()
        apply = self.apply_flag()
        preview = original.convert(data, filename, self.request)
        if apply is None:
            apply = preview.kind == "docx"
        replaced = False
        if apply:
            alsoProvides(self.request, IDisableCSRFProtection)
            replaced = original.store(self.context, data, filename, preview)
        html = self.context.text.raw if replaced else preview.html
        return {
            "@id": f"{self.context.absolute_url()}/@import-original",
            "kind": preview.kind,
            "html": html,
            "messages": [
                translate(note, context=self.request) for note in preview.notes
            ],
            "stored": apply,
            "text_replaced": replaced,
        }

    def refuse(self, message):
        return shown(BadRequest(translate(message, context=self.request)))

    def apply_flag(self):
        value = self.request.form.get("apply")
        if value is None:
            return None
        if not isinstance(value, str) or value.lower() not in FLAGS:
            raise self.refuse(BAD_APPLY)
        return FLAGS[value.lower()]

    def upload(self):
        if sent_as_json(self.request):
            return self.json_upload()
        upload = self.request.form.get("file")
        if not (
            getattr(upload, "filename", None) is not None and hasattr(upload, "read")
        ):
            raise self.refuse(original.NO_FILE)
        try:
            # Sent in chunks, a body has no Content-Length to refuse it
            # by at its start (drafts/upload_limit.py): measured here.
            check_size(upload)
        except UnusableOriginal as error:
            raise original.refusal(error, self.request) from None
        return upload.read(), upload.filename or ""

    def json_upload(self):
        value = json_object(self.request).get("file")
        if not isinstance(value, dict) or not isinstance(value.get("data"), str):
            raise self.refuse(BAD_DATA)
        if value.get("encoding", "base64") != "base64":
            raise self.refuse(BAD_DATA)
        filename = value.get("filename") or ""
        if not isinstance(filename, str):
            raise self.refuse(BAD_DATA)
        encoded = value["data"]
        try:
            # Refused by the size it decodes to, before it is decoded.
            check_size(len(encoded) * 3 // 4)
        except UnusableOriginal as error:
            raise original.refusal(error, self.request) from None
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise self.refuse(BAD_DATA) from None
        return data, filename
