"""The lead author's incorporation of a round's comments (issue 22,
Behaviours 4 and 6): the round's comments as rows, by paragraph, for the
incorporation page, the compiled export and the published
comments-and-responses table; a disposition with its response; and
applying a comment's proposed wording into the body.

Which comments a row list holds is the engine's reader's answer
(``comments.batching.DiscussionReader``: moderators read all, others the
published comments and their own waiting ones, nobody outside the
policy's readers anything), narrowed to the round asked for. Paragraph
numbers and texts are those of the round's snapshot (the text the round
opened on, which its comments were made on), so a round's export reads
the same after the body was edited for the next one.

``apply_suggestion`` edits the stored HTML of one block only: the quoted
words inside one stretch of text are replaced in place (the rest of the
block keeps its markup); words that span markup, or a comment on the
whole block, replace the block's content with plain text. The element
and its id stay, and the body is saved with ``ObjectModifiedEvent`` so
that the paragraph ids and the other comments' anchors follow
(``subscribers.number_paragraphs``).
"""

from Acquisition import aq_base
from collab.portal import _
from collab.portal.clock import as_utc
from collab.portal.comments.authors import author_country
from collab.portal.comments.authors import author_details
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.stats import comment_stats
from collab.portal.drafts.anchoring import capture
from collab.portal.drafts.anchoring import ORPHANED
from collab.portal.drafts.comment_index import move_comment
from collab.portal.drafts.export import export
from collab.portal.drafts.export import ExportHeader
from collab.portal.drafts.export import ExportRow
from collab.portal.drafts.export import WRITERS
from collab.portal.drafts.fields import too_long
from collab.portal.drafts.fields import unknown_disposition
from collab.portal.drafts.paragraphs import normalize_text
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.vocabularies import DISPOSITION_TITLES
from dataclasses import dataclass
from html import escape
from lxml import etree
from lxml import html as lxml_html
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import re


ACCEPTED = "accepted"
INCORPORATING = "incorporating"
DISPOSE = "collab.portal: Dispose draft comments"
EXPORT = "collab.portal: Export draft comments"
RESPONSE_MAX = 5000

# Blocks whose content is one stretch of text; a table row is several
# cells: a change across them is applied by hand.
WHOLE_BLOCK_REFUSED = ("tr",)


class IncorporationRefused(Exception):
    """A disposition or a suggestion cannot be applied as asked:
    ``status`` (400, 404, 409) and a translated ``message``; nothing was
    changed."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


NOT_INCORPORATING = _(
    "draft_not_incorporating",
    default="Suggestions are applied while the lead author incorporates the "
    "comments, after the round has closed.",
)
PARAGRAPH_CHANGED = _(
    "draft_paragraph_changed",
    default="The paragraph changed since this comment was made; apply the "
    "suggestion by hand.",
)
NO_SUGGESTION = _(
    "draft_no_suggestion", default="This comment proposes no wording to apply."
)


def unknown_comment(value):
    return _(
        "draft_unknown_comment",
        default="This draft has no comment ${id}.",
        mapping={"id": str(value)[:40]},
    )


def unknown_round(value):
    return _(
        "draft_unknown_round",
        default="This draft has no round ${number}.",
        mapping={"number": str(value)[:20]},
    )


@dataclass(frozen=True)
class Placed:
    """A comment as the incorporation page lists it: the comment, its
    depth in its thread, and the row the exports write for it."""

    comment: object
    depth: int
    row: ExportRow

    @property
    def id(self):
        return self.comment.comment_id


# Rows ------------------------------------------------------------------


def reader_of(draft):
    """The engine's reader of the draft's comments for the current user."""
    return DiscussionReader(IConversation(draft), draft)


def _snapshot_places(round):
    """pid -> (index, number, text) of the text the round opened on."""
    return {
        pid: (index, str(number), text)
        for index, (pid, number, _kind, text) in enumerate(round.snapshot or ())
    }


def _live_places(draft):
    return {
        p.id: (index, str(p.number), p.text)
        for index, p in enumerate(read_table(draft).paragraphs())
    }


def _place(comment, places, live):
    """``(group, index, number, text, orphaned)`` of a top-level comment:
    group 0 a paragraph, 1 the whole draft, 2 removed text."""
    anchor = getattr(aq_base(comment), "anchor", None) or {}
    pid = getattr(aq_base(comment), "paragraph", None)
    origin = anchor.get("origin") or pid
    if not pid and not anchor:
        return (1, 0, "", "", False)
    found = places.get(origin) or places.get(pid) or live.get(pid)
    if anchor.get("state") == ORPHANED:
        number = found[1] if found else ""
        return (2, found[0] if found else 0, number, anchor.get("text") or "", True)
    if found is None:
        return (2, 0, "", anchor.get("text") or "", True)
    return (0, found[0], found[1], found[2], False)


def _kind(comment, depth):
    if getattr(aq_base(comment), "suggestion", None):
        return "suggestion"
    return "reply" if depth else "comment"


def _text(value):
    return value if isinstance(value, str) else ""


def comment_row(comment, depth, place):
    """The ``ExportRow`` of one comment at ``depth`` placed at ``place``."""
    base = aq_base(comment)
    disposition = getattr(base, "disposition", None)
    date = getattr(comment, "creation_date", None)
    return ExportRow(
        paragraph_number=place[2],
        paragraph_text=place[3],
        kind=_kind(comment, depth),
        text=_text(comment.text),
        author=_text(comment.author_name or comment.author_username),
        organisation=_text(author_details(comment)["author_organisation"]),
        country=_text(author_country(comment)),
        date=as_utc(date) if date is not None else None,
        suggestion=_text(getattr(base, "suggestion", None)),
        disposition=(
            disposition if disposition in DISPOSITION_TITLES and not depth else ""
        ),
        response=_text(getattr(base, "response", None)) if not depth else "",
        depth=depth,
        orphaned=place[4],
    )


def placed_comments(draft, round_number, reader=None):
    """The comments of round ``round_number`` that ``reader`` (a
    ``DiscussionReader``; the current user's by default) may read, as
    ``Placed``, in the order of the exports: paragraphs by their number
    in the round's text, then the whole draft, then removed text; each
    thread depth-first under its comment. A reply is listed only under
    its thread, and only when the reader may read the comment above it.
    Raises ``IncorporationRefused`` (404) for an unknown round."""
    round = round_of(draft, round_number)
    if round is None:
        raise IncorporationRefused(404, unknown_round(round_number))
    reader = reader if reader is not None else reader_of(draft)
    conversation = reader.conversation
    places, live = _snapshot_places(round), _live_places(draft)
    threads = []
    for top in reader.thread_starts():
        comment = conversation[top]
        if getattr(aq_base(comment), "round_number", None) != round.number:
            continue
        place = _place(comment, places, live)
        entries = [
            Placed(
                conversation[cid], depth, comment_row(conversation[cid], depth, place)
            )
            for cid, depth in reader.thread(top)
            if getattr(aq_base(conversation[cid]), "round_number", None) == round.number
        ]
        threads.append(((place[0], place[1], top), entries))
    threads.sort(key=lambda item: item[0])
    return [entry for _key, entries in threads for entry in entries]


def rows_of(draft, round_number, reader=None):
    """The ``ExportRow``s of round ``round_number`` that ``reader`` may
    read (see ``placed_comments``)."""
    return [placed.row for placed in placed_comments(draft, round_number, reader)]


def header_of(draft, round_number):
    round = round_of(draft, round_number)
    return ExportHeader(
        title=draft.Title() or "",
        round_number=round.number,
        deadline=as_utc(round.deadline) if round.deadline else None,
        language=getattr(draft, "language", "") or "",
    )


def responses_visible(draft, round_number, user_may_export):
    """Whether the current user may read round ``round_number``'s
    comments-and-responses table: the lead author and the secretariat
    (``user_may_export``) always; the draft's other readers once the next
    round has opened (the table is published with it)."""
    if user_may_export:
        return True
    try:
        number = int(round_number)
    except (TypeError, ValueError):
        return False
    return round_of(draft, number + 1) is not None


# Dispositions ----------------------------------------------------------


def comment_of(draft, comment_id):
    """The draft's comment ``comment_id`` (its id as text or a number),
    or ``IncorporationRefused`` (400)."""
    conversation = IConversation(draft)
    try:
        key = int(str(comment_id))
        return conversation[key]
    except (KeyError, ValueError, TypeError):
        raise IncorporationRefused(400, unknown_comment(comment_id)) from None


def check_incorporating(draft):
    """409 unless the lead author is incorporating the comments now."""
    if api.content.get_state(draft, default=None) != INCORPORATING:
        raise IncorporationRefused(409, NOT_INCORPORATING)


def dispose(draft, comment, disposition, response):
    """Set a comment's disposition (a key of ``DISPOSITION_TITLES`` or None) and
    response (plain text or None), as ``PATCH @comments/<id>`` does; only
    top-level comments get one. The caller checked the permission."""
    if disposition is not None and (
        not isinstance(disposition, str) or disposition not in DISPOSITION_TITLES
    ):
        raise IncorporationRefused(400, unknown_disposition(draft, disposition))
    if response is not None and (
        not isinstance(response, str) or len(response) > RESPONSE_MAX
    ):
        raise IncorporationRefused(400, too_long(RESPONSE_MAX)(draft, response))
    if comment.in_reply_to:
        raise IncorporationRefused(
            400,
            _(
                "draft_disposition_on_reply",
                default="Only comments get a disposition, not replies.",
            ),
        )
    changed = False
    response = response or None
    if getattr(aq_base(comment), "disposition", None) != disposition:
        comment.disposition = disposition
        changed = True
    if getattr(aq_base(comment), "response", None) != response:
        comment.response = response
        changed = True
    if changed:
        comment_stats(IConversation(draft)).note_change()
    return changed


# Applying a suggestion -------------------------------------------------


def _pattern(quote):
    """The quote as a regular expression over raw text: any whitespace
    where the normalized quote has a space."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split(" ")))


def _text_nodes(element):
    """``(node, attribute)`` of every stretch of text inside ``element``,
    in document order."""
    found = [(element, "text")]
    for child in element.iterdescendants():
        if isinstance(child.tag, str):
            found.append((child, "text"))
        found.append((child, "tail"))
    return found


def _replace_in_node(element, quote, suggestion):
    """Replace the quote inside one stretch of text; False when it spans
    markup (or is not found there)."""
    pattern = _pattern(quote)
    for node, attribute in _text_nodes(element):
        raw = getattr(node, attribute)
        if raw and pattern.search(raw):
            setattr(node, attribute, pattern.sub(lambda m: suggestion, raw, count=1))
            return True
    return False


def _replace_content(element, text):
    """The element's content becomes ``text`` (plain: lxml escapes it)."""
    tail = element.tail
    for child in list(element):
        element.remove(child)
    element.text = text
    element.tail = tail


def _serialize(root):
    return escape(root.text or "", quote=False) + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def _new_text(paragraph_text, quote, suggestion, start):
    """The paragraph's text with the quote (the occurrence nearest
    ``start``) replaced by the suggestion."""
    hits, at = [], paragraph_text.find(quote)
    while at >= 0:
        hits.append(at)
        at = paragraph_text.find(quote, at + 1)
    chosen = hits[0] if start is None else min(hits, key=lambda h: abs(h - start))
    return paragraph_text[:chosen] + suggestion + paragraph_text[chosen + len(quote) :]


def apply_suggestion(draft, comment):
    """Write ``comment``'s proposed wording into the draft's body.

    Refused (``IncorporationRefused``, nothing changed): 409 unless the
    draft is ``incorporating``; 400 when the comment proposes nothing or
    is on no paragraph; 409 when its paragraph is gone or no longer holds
    the quoted words ("apply by hand"). Replaces the quote (or the whole
    paragraph's text when the comment quotes nothing) with the suggestion
    as plain text, keeping the block element and its id; saves the body
    (``ObjectModifiedEvent``: ids and other comments' anchors follow);
    anchors the comment and its replies on the new words; sets the
    disposition ``accepted`` unless one was given. Returns ``(pid, new
    paragraph text)``."""
    check_incorporating(draft)
    base = aq_base(comment)
    suggestion = normalize_text(getattr(base, "suggestion", None) or "")
    pid = getattr(base, "paragraph", None)
    if not suggestion or not pid:
        raise IncorporationRefused(400, NO_SUGGESTION)
    table = read_table(draft)
    paragraph_text = table.text(pid)
    quote = normalize_text(getattr(base, "quote", None) or "")
    if paragraph_text is None or (quote and quote not in paragraph_text):
        raise IncorporationRefused(409, PARAGRAPH_CHANGED)
    raw = getattr(getattr(draft, "text", None), "raw", None) or ""
    root = lxml_html.fragment_fromstring(raw, create_parent="div")
    found = root.xpath("//*[@id=$pid]", pid=pid)
    if len(found) != 1:
        raise IncorporationRefused(409, PARAGRAPH_CHANGED)
    element = found[0]
    anchor = getattr(base, "anchor", None) or {}
    if quote:
        single = paragraph_text.count(quote) == 1
        if not (single and _replace_in_node(element, quote, suggestion)):
            if element.tag in WHOLE_BLOCK_REFUSED:
                raise IncorporationRefused(409, PARAGRAPH_CHANGED)
            _replace_content(
                element,
                _new_text(paragraph_text, quote, suggestion, anchor.get("start")),
            )
    else:
        if element.tag in WHOLE_BLOCK_REFUSED:
            raise IncorporationRefused(409, PARAGRAPH_CHANGED)
        _replace_content(element, suggestion)
    old = draft.text
    draft.text = RichTextValue(
        _serialize(root), "text/html", getattr(old, "outputMimeType", None)
    )
    notify(ObjectModifiedEvent(draft))
    new_text = read_table(draft).text(pid)
    _anchor_on_new_words(draft, comment, pid, suggestion if quote else "")
    if getattr(base, "disposition", None) is None:
        comment.disposition = ACCEPTED
    comment_stats(IConversation(draft)).note_change()
    return pid, new_text


def _anchor_on_new_words(draft, comment, pid, words):
    """The applied comment (and its replies, which share its anchor) now
    stand on the words it proposed: anchored, on the same paragraph."""
    table = read_table(draft)
    try:
        anchor = capture(table, pid, words)
    except ValueError:
        anchor = capture(table, pid, "")  # longer than a quote may be
    stored = getattr(aq_base(comment), "anchor", None) or {}
    value = dict(anchor.as_dict(), origin=stored.get("origin") or pid)
    thread = {comment.comment_id}
    for other in IConversation(draft).getComments():
        if other.comment_id in thread or other.in_reply_to in thread:
            thread.add(other.comment_id)
            other.anchor = dict(value)
            if getattr(aq_base(other), "paragraph", None) != pid:
                move_comment(draft, other.comment_id, other.paragraph, pid)
                other.paragraph = pid


# The compiled export -----------------------------------------------------


BAD_FORMAT = _(
    "draft_export_bad_format",
    default="Comments are exported as docx, xlsx or csv.",
)
BAD_ROUND = _(
    "draft_export_bad_round",
    default="Ask for a round by its number, or current.",
)


def asked_round(draft, value):
    """The round number a request asks for (``current`` when none):
    ``IncorporationRefused`` 400 for something else than a number or
    ``current``, 404 for a round the draft does not have."""
    if value in (None, ""):
        value = "current"
    if not isinstance(value, str) or not (value == "current" or value.isdigit()):
        raise IncorporationRefused(400, BAD_ROUND)
    round = round_of(draft, value)
    if round is None:
        raise IncorporationRefused(404, unknown_round(value))
    return round.number


def export_language(asked):
    """The language ``?language=`` asks for when the site offers it, else
    the page's (the draft's) language."""
    offered = api.portal.get_registry_record(
        "plone.available_languages", default=["en"]
    )
    if isinstance(asked, str) and asked in offered:
        return asked
    return (api.portal.get_current_language() or "en")[:2]


def export_file(draft, form, response):
    """The compiled comments of the round ``form`` asks for (``round``,
    default the current one) in its ``format`` (docx, xlsx, csv) and
    ``language`` (``export_language``), as the
    current user may read them: the file's bytes, with its type, name and
    ``Cache-Control: private, no-store`` set on ``response``."""
    fmt = form.get("format")
    if not isinstance(fmt, str) or fmt not in WRITERS:
        raise IncorporationRefused(400, BAD_FORMAT)
    number = asked_round(draft, form.get("round"))
    language = export_language(form.get("language"))
    data, content_type, extension = export(
        rows_of(draft, number), header_of(draft, number), fmt, language
    )
    response.setHeader("Content-Type", content_type)
    response.setHeader(
        "Content-Disposition",
        f'attachment; filename="{draft.getId()}-round-{number}.{extension}"',
    )
    response.setHeader("Cache-Control", "private, no-store")
    return data


def suggested_text(row, anchor):
    """``(paragraph text, paragraph text with the suggestion)`` of a
    comment's row: the quoted words replaced where it quotes some, the
    whole text otherwise (what ``apply_suggestion`` would write)."""
    old = row.paragraph_text
    suggestion = normalize_text(row.suggestion)
    quote = normalize_text((anchor or {}).get("quote") or "")
    if quote and quote in old:
        return old, _new_text(old, quote, suggestion, (anchor or {}).get("start"))
    return old, suggestion
