"""Two versions of a draft's body compared paragraph by paragraph, down to
one word (issue 22, Behaviour 4: "any two rounds compare ... highlighting
differences down to a single changed word").

Paragraphs are paired by their stable id, never by position: a block is
an element whose ``id`` is ``p-`` and 8 hex digits (the convention of
``drafts/paragraphs.py``), in document order. The same id in both bodies
is a kept paragraph (unchanged, changed or moved), an id only in the old
body a deleted one, only in the new body an added one.

Inside a changed paragraph the texts are compared word by word with
diff-match-patch: ``lxml.html.diff`` hides edits of two words or fewer,
the issue says. Words are mapped to single characters (the library's
line-mode trick, by words instead of lines), so the diff can never cut a
word in half, then ``diff_cleanupSemantic`` joins edits separated only by
a trivial equality ("the cat" -> "a dog" is one replacement, not two). It
only ever turns an equality into edits, never an edit into an equality,
so a single changed word among unchanged ones stays a one-word change.

The output is plain data for REST (``compare``, ``compare_blocks``,
``word_diff``, ``suggestion_diff``) and escaped HTML for pages
(``render``, ``render_changes``): only the texts of the bodies reach the
HTML, escaped, never their markup.
"""

from collab.portal import _
from collab.portal.drafts.paragraphs import longest_increasing
from diff_match_patch import diff_match_patch
from html import escape
from typing import NamedTuple
from zope.i18n import translate
import lxml.etree
import lxml.html
import re
import unicodedata


BLOCK_ID = re.compile(r"p-[0-9a-f]{8}")

# Text inside these never shows on the page: left out of a paragraph's text.
HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
# A paragraph's text is spaced around these, so "<li><p>a</p><p>b</p></li>"
# reads "a b", not "ab".
SPACED_TAGS = frozenset(lxml.html.defs.block_tags) | {"br", "td", "th", "li", "tr"}
CELLS = ("td", "th")

# A word is a run of letters and digits; ideographs and kana, written
# without spaces, are one word each so one changed character is shown as
# such, not its whole sentence; every space run and punctuation mark is a
# token of its own.
_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+|\s+|[^\w\s]")

# Tokens are mapped to private-use characters: they are neither letters,
# digits nor spaces, so diff-match-patch's boundary scoring (meant for
# real text) sees no false word or line breaks in the mapped strings.
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_CAPACITY = sum(end - start + 1 for start, end in _PRIVATE_USE)

# Seconds diff-match-patch may spend on one paragraph before it settles
# for a correct but less minimal diff (a pathological, fully rewritten
# table row of thousands of words).
DIFF_TIMEOUT = 1.0

OPS = {-1: "delete", 0: "equal", 1: "insert"}

STATUSES = ("unchanged", "changed", "added", "deleted", "moved")


class Block(NamedTuple):
    """One paragraph of a body: its stable id, its visible number (an int
    by position here; callers holding ``paragraphs.py``'s numbers, or a
    round's snapshot, may pass their own, e.g. "F1" for a footnote) and
    its text."""

    id: str
    number: object
    text: str


def normalize(text):
    """NFC, whitespace runs collapsed to one space, stripped: the same
    words typed or pasted differently compare equal, and a change of
    spacing that a page does not show is no change."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _is_block(element):
    return isinstance(element.tag, str) and bool(
        BLOCK_ID.fullmatch(element.get("id") or "")
    )


def _gather(element, pieces):
    """The visible text of ``element`` into ``pieces``, without the text
    of nested blocks (they are paragraphs of their own), comments and
    scripts."""
    if element.text:
        pieces.append(element.text)
    for child in element:
        if not isinstance(child.tag, str) or child.tag in HIDDEN_TAGS:
            pass
        elif _is_block(child):
            pieces.append(" ")
        else:
            spaced = child.tag in SPACED_TAGS
            if spaced:
                pieces.append(" ")
            _gather(child, pieces)
            if spaced:
                pieces.append(" ")
        if child.tail:
            pieces.append(child.tail)


def _text(element):
    if element.tag == "tr":
        # A table row's text is its cells joined by " | ", as paragraphs.py
        # writes it, so an edit in one cell is shown in its column.
        cells = []
        for cell in element:
            if isinstance(cell.tag, str) and cell.tag in CELLS:
                pieces = []
                _gather(cell, pieces)
                cells.append(normalize("".join(pieces)))
        if cells:
            return " | ".join(cells)
    pieces = []
    _gather(element, pieces)
    return normalize("".join(pieces))


def blocks_of(html):
    """The blocks of a body (HTML), in document order, numbered 1...n.

    A body without blocks (empty, or not yet given ids) has none."""
    if html is None:
        return []
    if not isinstance(html, str):
        raise TypeError(f"a body is HTML text, not {type(html).__name__}")
    if not html.strip():
        return []
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:  # nothing but comments or spaces
        return []
    found = (element for element in root.iter() if _is_block(element))
    return [
        Block(element.get("id"), number, _text(element))
        for number, element in enumerate(found, 1)
    ]


def _private_use(index):
    """The ``index``-th private-use character."""
    for start, end in _PRIVATE_USE:
        if index <= end - start:
            return chr(start + index)
        index -= end - start + 1
    raise ValueError(index)  # pragma: no cover: word_diff checks _CAPACITY


def word_diff(old_text, new_text):
    """``[{"op": "equal"|"delete"|"insert", "text": ...}]`` turning the
    old text into the new, word by word; both texts are normalized
    first. Equal texts give one "equal" op (none when both are empty)."""
    old, new = normalize(old_text), normalize(new_text)
    if old == new:
        return [{"op": "equal", "text": old}] if old else []
    if not old or not new:
        return [{"op": "delete" if old else "insert", "text": old or new}]
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    distinct = dict.fromkeys(old_tokens + new_tokens)
    if len(distinct) > _CAPACITY:  # pragma: no cover: >137,000 distinct words
        return [{"op": "delete", "text": old}, {"op": "insert", "text": new}]
    # One character per distinct token (diff_linesToChars, by words).
    code = {token: _private_use(index) for index, token in enumerate(distinct)}
    token_of = {char: token for token, char in code.items()}
    matcher = diff_match_patch()
    matcher.Diff_Timeout = DIFF_TIMEOUT
    diffs = matcher.diff_main(
        "".join(code[token] for token in old_tokens),
        "".join(code[token] for token in new_tokens),
        False,
    )
    matcher.diff_cleanupSemantic(diffs)
    changes = []
    for op, chars in diffs:
        text = "".join(token_of[char] for char in chars)
        if not text:
            continue
        if changes and changes[-1]["op"] == OPS[op]:
            changes[-1]["text"] += text
        else:
            changes.append({"op": OPS[op], "text": text})
    return changes


def suggestion_diff(paragraph_text, suggested_text):
    """A comment's proposed wording as a tracked change of its paragraph:
    the same word diff as a changed paragraph (``render_changes`` shows
    it)."""
    return word_diff(paragraph_text, suggested_text)


def _keyed(blocks):
    """``[(key, block)]``: the id, or ``id#n`` for the n-th repeat of an
    id, so a body that broke the one-id-per-block convention still
    compares (repeats paired in order) instead of losing paragraphs."""
    seen, keyed = {}, []
    for block in blocks:
        count = seen.get(block.id, 0)
        seen[block.id] = count + 1
        keyed.append((block.id if not count else f"{block.id}#{count}", block))
    return keyed


def _row(old, new, status):
    """One row of the comparison; ``old`` or ``new`` is None for an added
    or a deleted paragraph."""
    old_text = normalize(old.text) if old else None
    new_text = normalize(new.text) if new else None
    return {
        "id": (new or old).id,
        "number_old": old.number if old else None,
        "number_new": new.number if new else None,
        "status": status,
        "edited": old_text != new_text,
        "old_text": old_text,
        "new_text": new_text,
        "changes": word_diff(old_text, new_text),
    }


def compare_blocks(old_blocks, new_blocks):
    """Rows comparing two sequences of ``Block`` (e.g. two rounds'
    snapshots), in the new body's order with each deleted paragraph
    placed after the kept paragraph it followed.

    A row: ``{"id", "number_old", "number_new", "status", "edited",
    "old_text", "new_text", "changes"}``. ``status`` is "added",
    "deleted", "moved" (a kept paragraph whose place among the kept ones
    changed; ``edited`` says whether its text changed too), "changed" or
    "unchanged". Numbers and texts of the missing side are None;
    ``changes`` is ``word_diff(old_text, new_text)``.
    """
    old, new = _keyed(old_blocks), _keyed(new_blocks)
    old_position = {key: index for index, (key, _block) in enumerate(old)}
    new_keys = {key for key, _block in new}
    kept = [item for item in new if item[0] in old_position]
    staying = set(longest_increasing([old_position[key] for key, _block in kept]))
    moved = {key for index, (key, _block) in enumerate(kept) if index not in staying}

    # Deleted paragraphs go after the nearest earlier old paragraph that
    # is still in place (None: before everything), in their old order.
    after, anchor = {}, None
    for key, block in old:
        if key not in new_keys:
            after.setdefault(anchor, []).append(block)
        elif key not in moved:
            anchor = key

    rows = [_row(block, None, "deleted") for block in after.get(None, ())]
    for key, block in new:
        if key not in old_position:
            rows.append(_row(None, block, "added"))
            continue
        before = old[old_position[key]][1]
        if key in moved:
            status = "moved"
        elif normalize(before.text) == normalize(block.text):
            status = "unchanged"
        else:
            status = "changed"
        rows.append(_row(before, block, status))
        rows.extend(_row(gone, None, "deleted") for gone in after.get(key, ()))
    return rows


def compare(old_html, new_html):
    """Rows comparing two bodies (HTML with paragraph ids), as
    ``compare_blocks`` describes; numbers are positions 1...n."""
    return compare_blocks(blocks_of(old_html), blocks_of(new_html))


# Rendering ---------------------------------------------------------------

STATUS_LABELS = {
    "unchanged": _("Unchanged"),
    "changed": _("Changed"),
    "added": _("Added"),
    "deleted": _("Deleted"),
    "moved": _("Moved"),
}
MOVED_AND_CHANGED = _("Moved and changed")
# Screen readers do not announce <ins> and <del>: a visually hidden word
# before each says what it is.
SPOKEN = {"insert": _("inserted text:"), "delete": _("deleted text:")}
SPACE = _("a space")
TAGS = {"insert": "ins", "delete": "del"}


def render_changes(changes, language=None):
    """The ops of ``word_diff`` as escaped HTML: equal text as is, the
    others in ``<ins>``/``<del>``. A change of spacing alone is shown as a
    marked non-breaking space so it can be seen."""

    def say(message):
        return escape(translate(message, target_language=language))

    parts = []
    for change in changes:
        op, text = change["op"], change["text"]
        if op == "equal":
            parts.append(escape(text))
            continue
        tag = TAGS[op]
        spoken = f'<span class="visually-hidden">{say(SPOKEN[op])} </span>'
        if text.strip():
            parts.append(
                f'<{tag} class="draft-diff-{op}">{spoken}{escape(text)}</{tag}>'
            )
        else:
            parts.append(
                f'<{tag} class="draft-diff-{op} draft-diff-space">{spoken}'
                f'<span class="visually-hidden">{say(SPACE)}</span>&nbsp;</{tag}>'
            )
    return "".join(parts)


def render(rows, language=None):
    """Rows of ``compare`` as escaped HTML, one ``<div>`` per paragraph
    with its number(s), its status and its word diff; the page styles
    the ``draft-diff-*`` classes."""

    def say(message):
        return escape(translate(message, target_language=language))

    out = ['<div class="draft-diff">']
    for row in rows:
        status = row["status"]
        label = STATUS_LABELS[status]
        if status == "moved" and row["edited"]:
            label = MOVED_AND_CHANGED
        number_new, number_old = row["number_new"], row["number_old"]
        if number_new is None:
            heading = _("Former paragraph ${number}", mapping={"number": number_old})
        elif number_old is None or number_old == number_new:
            heading = _("Paragraph ${number}", mapping={"number": number_new})
        else:
            heading = _(
                "Paragraph ${number} (was ${old})",
                mapping={"number": number_new, "old": number_old},
            )
        out.append(
            f'<div class="draft-diff-row draft-diff-{status}" '
            f'id="diff-{escape(row["id"])}">'
            f'<p class="draft-diff-head"><span class="draft-diff-number">'
            f"{say(heading)}</span> "
            f'<span class="draft-diff-status">{say(label)}</span></p>'
            f'<p class="draft-diff-text">{render_changes(row["changes"], language)}</p>'
            "</div>"
        )
    out.append("</div>")
    return "".join(out)
