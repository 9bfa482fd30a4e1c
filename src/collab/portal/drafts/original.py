"""Importing the lead author's original into a draft: who may, when, and
what is stored. The ``@@import-original`` page and the
``@import-original`` service call these; the conversion itself is
``conversion.py``.

- ``check_may_import``: the secretariat and the lead author (anyone who
  may modify the draft) in ``draft`` or ``incorporating``. In
  ``round_open`` the body is frozen (the comments are anchored to it) and
  a ``final`` draft is published: those who edit it in the other states
  are told so (409); anyone else is refused (401 anonymous, 403).
- ``convert``: an upload's bytes checked and converted into a ``Preview``
  (kind, body html, notes). A PDF without text is still an original to
  keep: its preview has no body.
- ``store``: the original kept as a NamedBlobFile on the ``original``
  field and, when asked, the body as the draft's text; the modified event
  gives the paragraph ids (``subscribers.number_paragraphs``).
- ``hold``/``take_held``: the page's preview waits for the confirming
  POST in the draft's annotation under a random key, for its uploader
  only and for ``HELD_MINUTES``: the confirmation carries only that key,
  so neither the file nor the converted html is taken from the client
  twice, and the file is not asked for again.
- ``OriginalValidator``: the ``original`` field on the edit form and on a
  REST ``PATCH`` goes through the same checks (kind, size, conversion);
  the body is left as it is there.
"""

from BTrees.OOBTree import OOBTree
from collab.portal import _
from collab.portal.content.draft_document import IDraftDocument
from collab.portal.drafts.conversion import check_size
from collab.portal.drafts.conversion import kind_of
from collab.portal.drafts.conversion import NoTextLayer
from collab.portal.drafts.conversion import starting_body
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.errors import Conflict
from collab.portal.errors import shown
from dataclasses import dataclass
from dataclasses import field
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from z3c.form import validator
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import HTTPRequestEntityTooLarge
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.i18n import translate
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent
import secrets
import time


EDITABLE_STATES = ("draft", "incorporating")
# Who edits a draft in its editable states (the workflow's "Modify portal
# content"): told why not in the others, not just refused.
EDITING_ROLES = ("Manager", "Site Administrator", "Secretariat", "DraftLead")
HELD_KEY = "collab.portal.drafts.held_originals"
HELD_MINUTES = 60
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

FROZEN = _(
    "drafts_import_frozen",
    default="The text cannot be replaced while a comment round is open: the "
    "comments are made on it. Close the round first.",
)
FINAL = _(
    "drafts_import_final",
    default="The draft is final; its text can no longer be replaced.",
)
NOT_YOURS = _(
    "drafts_import_forbidden",
    default="Only the secretariat and the lead author may upload the original.",
)
NO_FILE = _("drafts_import_no_file", default="Choose a DOCX or PDF file to upload.")
EMPTY_FILE = _("drafts_import_empty_file", default="The file is empty.")
HELD_GONE = _(
    "drafts_import_held_gone",
    default="This preview has expired or was already used. Upload the file again.",
)


class RequestEntityTooLarge(HTTPRequestEntityTooLarge):
    """Named so that Zope's response maps it to status 413 (it maps the
    class name; zExceptions' own ``HTTPRequestEntityTooLarge`` maps to 500)."""


@dataclass
class Preview:
    kind: str  # "docx" or "pdf"
    html: str  # "" when the file gives no text (a scanned PDF)
    notes: list = field(default_factory=list)  # translatable messages


def editable(draft):
    return api.content.get_state(draft, default=None) in EDITABLE_STATES


def check_may_import(draft, request):
    """Raise the refusal for the current user, or return None."""
    if api.user.is_anonymous():
        raise Unauthorized("import-original")
    state = api.content.get_state(draft, default=None)
    roles = set(api.user.get_roles(obj=draft))
    if state not in EDITABLE_STATES and roles & set(EDITING_ROLES):
        message = FINAL if state == "final" else FROZEN
        raise shown(Conflict(translate(message, context=request)))
    if not api.user.has_permission("Modify portal content", obj=draft):
        raise shown(Forbidden(translate(NOT_YOURS, context=request)))


def refusal(error, request):
    """The HTTP error, marked shown, for an ``UnusableOriginal``."""
    message = translate(error.message, context=request)
    if str(error.message) == "drafts_original_too_large":
        return shown(RequestEntityTooLarge(message))
    return shown(BadRequest(message))


def convert(data, filename, request):
    """The ``Preview`` of an upload, or the shown 400/413 error."""
    if not data:
        raise shown(BadRequest(translate(EMPTY_FILE, context=request)))
    try:
        html, notes = starting_body(data, filename)
    except NoTextLayer as error:
        return Preview("pdf", "", [error.message])
    except UnusableOriginal as error:
        raise refusal(error, request) from None
    return Preview(kind_of(data), html, notes)


def has_body(draft):
    text = getattr(draft, "text", None)
    return bool(getattr(text, "raw", None) and text.raw.strip())


def file_name(filename, kind):
    """The stored name: the uploader's name without any folder, the
    extension the content has."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem or 'original'}.{kind}"


def store(draft, data, filename, preview, use_body=True):
    """Keep the original and, if ``use_body`` and there is text, the body;
    returns whether the body was replaced."""
    draft.original = NamedBlobFile(
        data=data,
        contentType=CONTENT_TYPES[preview.kind],
        filename=file_name(filename, preview.kind),
    )
    replaced = bool(use_body and preview.html)
    if replaced:
        draft.text = RichTextValue(preview.html, "text/html", "text/x-html-safe")
    notify(ObjectModifiedEvent(draft))  # ids, anchors, catalog
    return replaced


# The page's preview, held until confirmed


def _held(draft, create=False):
    annotations = IAnnotations(draft)
    held = annotations.get(HELD_KEY)
    if held is None and create:
        held = annotations[HELD_KEY] = OOBTree()
    return held


def hold(draft, data, filename, preview):
    """Keep a preview for its uploader; returns its key. The uploader's
    earlier previews on this draft and everyone's expired ones go."""
    held = _held(draft, create=True)
    user = api.user.get_current().getId()
    now = time.time()
    for key, entry in list(held.items()):
        if entry["user"] == user or now - entry["time"] > HELD_MINUTES * 60:
            del held[key]
    key = secrets.token_urlsafe(24)
    held[key] = PersistentMapping(
        user=user,
        time=now,
        kind=preview.kind,
        html=preview.html,
        filename=filename,
        file=NamedBlobFile(data=data, filename=file_name(filename, preview.kind)),
    )
    return key


def take_held(draft, key, request):
    """``(data, filename, preview)`` of the current user's held preview,
    removed from the draft; a shown 400 when gone or not theirs."""
    held = _held(draft)
    entry = held.get(key) if held is not None and isinstance(key, str) else None
    if (
        entry is None
        or entry["user"] != api.user.get_current().getId()
        or time.time() - entry["time"] > HELD_MINUTES * 60
    ):
        raise shown(BadRequest(translate(HELD_GONE, context=request)))
    del held[key]
    preview = Preview(entry["kind"], entry["html"])
    return entry["file"].data, entry["filename"], preview


# The ``original`` field on the edit form and REST PATCH


def checked_original(value):
    """``value`` (a NamedBlobFile) if it is a usable original, with the
    content type its bytes say; else ``UnusableOriginal``. A PDF without
    text is an original to keep."""
    check_size(value.getSize())
    data = value.data
    try:
        starting_body(data, getattr(value, "filename", "") or "")
    except NoTextLayer:
        pass
    value.contentType = CONTENT_TYPES[kind_of(data)]
    return value


class OriginalValidator(validator.SimpleFieldValidator):
    """Refuses an original that is not a usable DOCX or PDF (or too large)
    with the conversion's message, on every channel that saves the field
    through z3c.form's validators (the edit form, plone.restapi)."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if not getattr(value, "data", None):
            return  # nothing uploaded
        if value is getattr(self.context, "original", None):
            return  # the stored original kept
        try:
            checked_original(value)
        except UnusableOriginal as error:
            raise Invalid(error.message) from None


validator.WidgetValidatorDiscriminators(
    OriginalValidator, field=IDraftDocument["original"]
)
