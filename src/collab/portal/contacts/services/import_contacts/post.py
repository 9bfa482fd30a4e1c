"""``POST <directory>/@import-contacts``

``{"file": {"data": …, "encoding": "base64", "filename": …,
"content-type": …}, "dry_run": true|false, "duplicates": "update"|"skip"}``

The file as plone.restapi sends files. A dry run only previews. Any
refused row: 400 with every refused row (``row``, ``reason``) and
nothing written, dry run or not. An unreadable file: 400 with its reason.
"""

from collab.portal import _
from collab.portal.contacts.import_files import UnreadableFile
from collab.portal.contacts.importing import apply_import
from collab.portal.contacts.importing import plan_import
from collab.portal.contacts.importing import SKIP
from collab.portal.contacts.importing import UPDATE
from collab.portal.errors import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides
import base64
import binascii


BAD_FILE = _(
    "import_bad_file_field",
    default='Send the file as {"file": {"data": …, "encoding": "base64", '
    '"filename": …}}.',
)
BAD_OPTION = _(
    "import_bad_option",
    default='dry_run must be true or false and duplicates "update" or "skip".',
)


class ImportContactsPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_object(self.request)
        data, filename = self.file_of(body.get("file"))
        dry_run = body.get("dry_run", True)
        duplicates = body.get("duplicates", UPDATE)
        if not isinstance(dry_run, bool) or duplicates not in (UPDATE, SKIP):
            raise BadRequest(self.t(BAD_OPTION))
        run = plan_import if dry_run else apply_import
        try:
            plan = run(self.context, data, filename, duplicates)
        except UnreadableFile as error:
            raise BadRequest(self.t(error.message)) from None
        answer = {"dry_run": dry_run, **plan.as_dict(self.t)}
        if plan.refused:
            self.request.response.setStatus(400)
            answer["type"] = "BadRequest"
            answer["message"] = self.t(
                _(
                    "import_rows_refused",
                    default="Rows refused: ${count}. Nothing was imported.",
                    mapping={"count": len(plan.refused)},
                )
            )
            answer["errors"] = answer["refused"]
        return answer

    def t(self, message):
        return translate(message, context=self.request)

    def file_of(self, value):
        if not isinstance(value, dict) or not isinstance(value.get("data"), str):
            raise BadRequest(self.t(BAD_FILE))
        if value.get("encoding", "base64") != "base64":
            raise BadRequest(self.t(BAD_FILE))
        try:
            data = base64.b64decode(value["data"], validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest(self.t(BAD_FILE)) from None
        filename = value.get("filename")
        return data, filename if isinstance(filename, str) else ""
