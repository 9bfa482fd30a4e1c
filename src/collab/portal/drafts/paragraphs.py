"""Stable paragraph ids and numbers of a draft's body (issue 22).

Comments on a draft are made on paragraphs, so every *block* of the body
(paragraph, heading, list item, table row, footnote) carries an id that
survives edits: ``id="p-xxxxxxxx"`` on the element. An ``id`` attribute,
not ``data-pid``: Plone's safe HTML transform keeps ``id`` (it is in
lxml's ``safe_attrs``) and drops ``data-*``; TinyMCE keeps ids too.
Numbers are not stored: they are positions (1…n; footnotes F1…F<k>), so
inserting a paragraph above shifts numbers and never ids.

``assign_ids(html, table)`` runs on every change of the body. It keeps the
id of a block still carrying it, gives back the id of a block whose text
is the same as a block that lost its id (moved, pasted without ids), pairs
edited blocks without an id with the old ones between the same kept
neighbours (a fuzzy alignment, as a diff would), and issues new ids for the
rest. An id that TinyMCE copies onto both halves of a split block stays on
the half closest to the old text; an id never issued here (pasted from
another draft) is dropped. The old ids left over were deleted, merged or
split away: their *heirs* (the blocks that now hold their text) are kept
for re-anchoring the comments made on them (``anchoring.py``).

The ``ParagraphTable`` remembers the order, each id's kind and text, every
id ever issued and the heirs; the caller keeps it in the draft's
annotation (``paragraph_table``) beside the body it describes.
"""

from bisect import bisect_left
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collections import defaultdict
from collections import namedtuple
from dataclasses import dataclass
from hashlib import sha1
from html import escape
from lxml import etree
from lxml import html as lxml_html
from persistent import Persistent
from rapidfuzz import fuzz
from zope.annotation.interfaces import IAnnotations
import re
import secrets
import unicodedata


TABLE_KEY = "collab.portal.drafts.paragraphs"  # stored: never renamed

PID = re.compile(r"^p-[0-9a-f]{8}$")
# mammoth's notes: <li id="footnote-1"> (or "<prefix>footnote-1" with its
# id_prefix option), endnotes alike; the id is the target of the note's
# reference link, so the paragraph id goes on the note's <p> instead.
FOOTNOTE = re.compile(r"^(?:[\w.-]*-)?(?:footnote|endnote)-\d+$")

BLOCK_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "dd", "dt", "pre")
)
# Containers that are a block only when no block is inside them: a <div> or
# <blockquote> with bare text (TinyMCE wraps text in <p>, pasted HTML may not).
LEAF_CONTAINERS = frozenset(("div", "blockquote", "section", "article", "figcaption"))
# Elements whose edges separate words in the text of a block.
BREAKS = BLOCK_TAGS | LEAF_CONTAINERS | {"br", "td", "th", "ul", "ol", "table", "dl"}
KINDS = {"li": "item", "tr": "row"} | {f"h{n}": "heading" for n in range(1, 7)}

# Steps 3 and 5 of assign_ids: an edited block keeps its id when at least
# this similar to the old text (rapidfuzz ratio, 0-100); a block is an heir
# of a deleted one when it holds this much of its text (partial ratio).
SAME_BLOCK = 60
HEIR = 90
HEIR_MARGIN = 5
HEIR_REACH = 5
HEIR_MIN_CHARS = 12

Paragraph = namedtuple("Paragraph", "id number kind text")
Paragraph.__doc__ = """One block as listed by ``@paragraphs``: ``number`` is
a label, "1"… for the body and "F1"… for footnotes."""


Snapshot = namedtuple("Snapshot", "serial pids texts positions joined starts")
Snapshot.__doc__ = """The table's blocks at one ``serial``: ``joined`` is
their texts joined by newlines (a normalized text holds none), ``starts``
the offset of each text in it."""


def normalize_text(text):
    """NFC, whitespace collapsed to single spaces, stripped: the one form of
    a block's text and of a quote, so that a quote the browser selected is
    found in the text the server stored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def text_hash(text):
    return sha1(text.encode("utf-8")).hexdigest()


class ParagraphTable(Persistent):
    """What the body's ids stand for (persistent: the class path is stored).

    ``order``: the ids in document order. ``by_id``: id → (kind, text,
    sha1 of text) of the blocks present. ``ever``: every id ever issued
    (never issued twice; an id coming back after an undo is taken back).
    ``heirs``: deleted id → ids of the blocks that took its text when it
    went. ``serial`` grows with every change (an ETag for ``@paragraphs``).
    """

    def __init__(self):
        self.order = ()
        self.by_id = OOBTree()
        self.ever = OOTreeSet()
        self.heirs = OOBTree()
        self.serial = 0

    def __len__(self):
        return len(self.order)

    def __contains__(self, pid):
        return pid in self.by_id

    def text(self, pid):
        """The text of block ``pid``, or None when it is not in the body."""
        entry = self.by_id.get(pid)
        return entry[1] if entry else None

    def snapshot(self):
        """The blocks as plain lists for searching many quotes at once,
        built once per change of the table (a volatile attribute)."""
        cached = getattr(self, "_v_snapshot", None)
        if cached is None or cached.serial != self.serial:
            texts = [self.by_id[pid][1] for pid in self.order]
            starts, at = [], 0
            for text in texts:
                starts.append(at)
                at += len(text) + 1
            cached = self._v_snapshot = Snapshot(
                self.serial,
                self.order,
                texts,
                {pid: i for i, pid in enumerate(self.order)},
                "\n".join(texts),
                starts,
            )
        return cached

    def position(self, pid):
        """Index of ``pid`` in ``order``, or None."""
        return self.snapshot().positions.get(pid)

    def heirs_of(self, pid):
        """Blocks present now that hold the text of deleted ``pid``: its
        heirs, the best first, then the heirs of those deleted in turn."""
        found, seen, queue = [], {pid}, list(self.heirs.get(pid, ()))
        while queue and len(seen) < 100:
            heir = queue.pop(0)
            if heir in seen:
                continue
            seen.add(heir)
            if heir in self.by_id:
                found.append(heir)
            else:
                queue.extend(self.heirs.get(heir, ()))
        return tuple(found)

    def paragraphs(self):
        """The blocks as ``Paragraph`` tuples, numbered (no HTML parsed)."""
        kinds = [self.by_id[pid][0] for pid in self.order]
        return [
            Paragraph(pid, number, kind, self.by_id[pid][1])
            for pid, number, kind in zip(
                self.order, _numbers(kinds), kinds, strict=True
            )
        ]

    def number(self, pid):
        """The visible number of block ``pid`` ("3", "F1"), or None when it
        is not in the body. Serializing a draft's 2,000 comments asks 2,000
        times: the numbers are counted once per change of the table (its
        ``serial`` and ``order``) and kept in a volatile attribute."""
        cached = getattr(self, "_v_numbers", None)
        if cached is None or cached[0] != self.serial or cached[1] is not self.order:
            kinds = [self.by_id[pid][0] for pid in self.order]
            numbers = dict(zip(self.order, _numbers(kinds), strict=True))
            cached = self._v_numbers = (self.serial, self.order, numbers)
        return cached[2].get(pid)


def read_table(context):
    """The ParagraphTable of ``context`` for reading: an empty one, not
    stored, where none was made yet (a GET must write nothing)."""
    table = IAnnotations(context).get(TABLE_KEY)
    return table if table is not None else ParagraphTable()


def paragraph_table(context):
    """The ParagraphTable of ``context`` (created on first use)."""
    annotations = IAnnotations(context)
    table = annotations.get(TABLE_KEY)
    if table is None:
        table = annotations[TABLE_KEY] = ParagraphTable()
    return table


@dataclass(frozen=True)
class Assignment:
    """What ``assign_ids`` did. ``kept``: same id, same text; ``changed``:
    same id, other text (re-anchor their comments); ``restored``: ids back
    after an undo (re-anchor their orphaned comments); ``new``: issued now;
    ``deleted``: gone (re-anchor their comments, see ``table.heirs``)."""

    html: str
    kept: tuple
    changed: tuple
    restored: tuple
    new: tuple
    deleted: tuple

    @property
    def touched(self):
        """The ids whose comments must be re-anchored."""
        return self.changed + self.restored + self.deleted


class _Block:
    __slots__ = ("element", "host", "kind", "text", "pid")

    def __init__(self, element, kind, text):
        self.element = element
        self.kind = kind
        self.text = text
        self.host = _footnote_host(element) if kind == "footnote" else element
        found = self.host.get("id") if self.host is not None else None
        self.pid = found if found and PID.match(found) else None


def _parse(html):
    return lxml_html.fragment_fromstring(html or "", create_parent="div")


def _serialize(root):
    return escape(root.text or "", quote=False) + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def _find_blocks(root):
    """Block elements in document order, with the element of their enclosing
    block (None at top level)."""
    found = []

    def visit(element, enclosing):
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag
            if enclosing is None and (
                tag in BLOCK_TAGS
                or (tag in LEAF_CONTAINERS and not _holds_block(child))
            ):
                found.append((child, None))
                visit(child, child)
            elif enclosing is not None and tag == enclosing.tag and tag in ("li", "tr"):
                # a nested list item or a nested table's row is a block of its own
                found.append((child, enclosing))
                visit(child, child)
            else:
                visit(child, enclosing)

    visit(root, None)
    return found


def _holds_block(element):
    return any(
        isinstance(d.tag, str) and d.tag in BLOCK_TAGS
        for d in element.iterdescendants()
    )


def _raw_text(element, skip):
    parts = []

    def walk(node):
        if node.tag in BREAKS:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            if child in skip:
                parts.append(" ")
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag in BREAKS:
            parts.append(" ")

    walk(element)
    return "".join(parts)


def _block_text(element, skip):
    if element.tag == "tr":
        cells = [c for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
        texts = [normalize_text(_raw_text(c, skip)) for c in cells]
        return " | ".join(texts) if any(texts) else ""
    return normalize_text(_raw_text(element, skip))


def _kind(element):
    if element.tag == "li" and FOOTNOTE.match(element.get("id") or ""):
        return "footnote"
    return KINDS.get(element.tag, "paragraph")


def _footnote_host(li):
    """The <p> of a footnote's <li> that carries its paragraph id (the <li>'s
    own id is the target of the note's reference link)."""
    for child in li:
        if child.tag == "p":
            return child
    return None


def _blocks(root):
    found = _find_blocks(root)
    nested = defaultdict(set)
    for element, enclosing in found:
        if enclosing is not None:
            nested[enclosing].add(element)
    blocks = []
    for element, _enclosing in found:
        text = _block_text(element, nested.get(element, ()))
        if text:
            blocks.append(_Block(element, _kind(element), text))
    return blocks


def _numbers(kinds):
    numbers, body, notes = [], 0, 0
    for kind in kinds:
        if kind == "footnote":
            notes += 1
            numbers.append(f"F{notes}")
        else:
            body += 1
            numbers.append(str(body))
    return numbers


def paragraphs(html):
    """The blocks of ``html`` as numbered ``Paragraph`` tuples, with the ids
    the HTML carries (None for a block without one)."""
    blocks = _blocks(_parse(html))
    numbers = _numbers([b.kind for b in blocks])
    return [
        Paragraph(b.pid, n, b.kind, b.text)
        for b, n in zip(blocks, numbers, strict=True)
    ]


def assign_ids(html, table):
    """Give every block of ``html`` its stable id; update ``table``.

    Returns an ``Assignment`` with the HTML to store (the input itself when
    no id had to be written). The table is changed only after everything
    is computed, and only where something changed.
    """
    root = _parse(html)
    blocks = _blocks(root)
    old = table.order
    old_index = {pid: j for j, pid in enumerate(old)}
    pids = [None] * len(blocks)
    taken = {}

    _keep_carried_ids(blocks, table, old_index, pids, taken)
    _same_text(blocks, table, old, pids, taken)
    _edited_in_gaps(blocks, table, old, old_index, pids, taken)
    new = []  # in document order
    for i, pid in enumerate(pids):
        if pid is None:
            pid = pids[i] = _new_pid(table, taken)
            taken[pid] = i
            new.append(pid)

    kept, changed, restored = [], [], []
    issued = set(new)
    for i, pid in enumerate(pids):
        if pid in issued:
            continue
        if pid not in old_index:
            restored.append(pid)
        elif table.by_id[pid][1] == blocks[i].text:
            kept.append(pid)
        else:
            changed.append(pid)
    deleted = [pid for pid in old if pid not in taken]
    heirs = _heirs(blocks, table, old, pids, taken, issued | set(changed))

    modified = _write_ids(root, blocks, pids)
    _update(table, blocks, pids, new, restored, deleted, heirs)
    return Assignment(
        html=_serialize(root) if modified else html,
        kept=tuple(kept),
        changed=tuple(changed),
        restored=tuple(restored),
        new=tuple(new),
        deleted=tuple(deleted),
    )


def _keep_carried_ids(blocks, table, old_index, pids, taken):
    """Step 1: a block carrying a known id keeps it; among blocks carrying
    the same id (a block split by the editor), the one nearest the old text."""
    claims = defaultdict(list)
    for i, block in enumerate(blocks):
        if block.pid and (block.pid in old_index or block.pid in table.ever):
            claims[block.pid].append(i)
    for pid, claimants in claims.items():
        old_text = table.text(pid) or ""
        best = max(claimants, key=lambda i: (fuzz.ratio(blocks[i].text, old_text), -i))
        pids[best] = pid
        taken[pid] = best


def _same_text(blocks, table, old, pids, taken):
    """Step 2: a block without an id whose text is that of an old block not
    taken gets its id (a move, a paste without ids); the nearest one first."""
    free = defaultdict(list)
    for j, pid in enumerate(old):
        if pid not in taken:
            free[table.by_id[pid][1]].append(j)
    for i, block in enumerate(blocks):
        candidates = free.get(block.text)
        if pids[i] is None and candidates:
            j = min(candidates, key=lambda j: abs(j - i))
            candidates.remove(j)
            pids[i] = old[j]
            taken[old[j]] = i


def _edited_in_gaps(blocks, table, old, old_index, pids, taken):
    """Step 3: between the same two kept neighbours (the longest run of kept
    blocks still in their old order), pair the remaining new and old blocks
    in order where similar enough: an edit that also dropped the id."""
    pairs = sorted(
        (i, old_index[pid]) for i, pid in enumerate(pids) if pid in old_index
    )
    bounds = [(-1, -1)] + _increasing(pairs) + [(len(blocks), len(old))]
    for (a_new, a_old), (b_new, b_old) in zip(bounds, bounds[1:], strict=False):
        new_free = [i for i in range(a_new + 1, b_new) if pids[i] is None]
        old_free = [j for j in range(a_old + 1, b_old) if old[j] not in taken]
        if not (new_free and old_free):
            continue
        matches = _align(
            [blocks[i].text for i in new_free],
            [table.by_id[old[j]][1] for j in old_free],
        )
        for a, b in matches:
            pids[new_free[a]] = old[old_free[b]]
            taken[old[old_free[b]]] = new_free[a]


def longest_increasing(values):
    """Indexes into ``values``, ascending, of one longest strictly
    increasing subsequence (patience sorting, O(n log n)). Given the old
    positions of the kept blocks in their new order, it is the blocks
    that did not move; ``diff.compare_blocks`` calls the others moved."""
    tails, tail_at, previous = [], [], [None] * len(values)
    for k, value in enumerate(values):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[at] = value
            tail_at[at] = k
        previous[k] = tail_at[at - 1] if at else None
    out, k = [], tail_at[-1] if tail_at else None
    while k is not None:
        out.append(k)
        k = previous[k]
    return out[::-1]


def _increasing(pairs):
    """The longest subsequence of ``pairs`` (sorted by their first) whose
    seconds increase: the kept blocks that did not move."""
    return [pairs[k] for k in longest_increasing([j for _i, j in pairs])]


def _align(new_texts, old_texts):
    """Monotone pairs (new index, old index) maximising the summed
    similarity, only pairs at least SAME_BLOCK similar (an LCS-like DP)."""
    rows, cols = len(new_texts), len(old_texts)
    score = [
        [fuzz.ratio(n, o, score_cutoff=SAME_BLOCK) for o in old_texts]
        for n in new_texts
    ]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(rows - 1, -1, -1):
        for b in range(cols - 1, -1, -1):
            here = best[a + 1][b + 1] + score[a][b] if score[a][b] else 0.0
            best[a][b] = max(best[a + 1][b], best[a][b + 1], here)
    matches, a, b = [], 0, 0
    while a < rows and b < cols:
        if score[a][b] and best[a][b] == best[a + 1][b + 1] + score[a][b]:
            matches.append((a, b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return matches


def _new_pid(table, taken):
    while True:
        pid = "p-" + secrets.token_hex(4)
        if pid not in table.ever and pid not in taken:
            return pid


def _heirs(blocks, table, old, pids, taken, candidates):
    """Step 5: for each deleted id, the new or changed blocks around where
    it stood (within HEIR_REACH of the place after its nearest kept
    predecessor) that hold its text: a merge holds all of it, each part of
    a split a part. At least HEIR similar, and no more than HEIR_MARGIN
    below the best of them, so that a paragraph sharing a stock phrase is
    no heir of a split one; the best first, in document order on a tie."""
    heirs, after = {}, -1  # new index of the last kept old block
    for gone in old:
        if gone in taken:
            after = taken[gone]
            continue
        old_text = table.by_id[gone][1]
        lowest = max(0, after - HEIR_REACH)
        scored = [
            (fuzz.partial_ratio(old_text, blocks[i].text, score_cutoff=HEIR), i)
            for i in range(lowest, min(len(blocks), after + 1 + HEIR_REACH))
            if pids[i] in candidates
            and min(len(blocks[i].text), len(old_text))
            >= min(HEIR_MIN_CHARS, len(old_text))
        ]
        best = max((score for score, _i in scored), default=0)
        found = tuple(
            pids[i]
            for score, i in sorted(scored, key=lambda item: (-item[0], item[1]))
            if score and score >= best - HEIR_MARGIN
        )
        if found:
            heirs[gone] = found
    return heirs


def _write_ids(root, blocks, pids):
    """Put each block's id on its element; drop paragraph ids anywhere else
    (a duplicate, an empty block, an id pasted from another draft)."""
    modified = False
    hosts = {}
    for block, pid in zip(blocks, pids, strict=True):
        host = block.host
        if host is None:  # a footnote without its <p>: wrap its content
            host = _wrap_in_p(block.element)
            modified = True
        hosts[host] = pid
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        wanted = hosts.get(element)
        current = element.get("id")
        if wanted is not None:
            if current != wanted:
                element.set("id", wanted)
                modified = True
        elif current and PID.match(current):
            del element.attrib["id"]
            modified = True
    return modified


def _wrap_in_p(li):
    p = etree.Element("p")
    p.text, li.text = li.text, None
    for child in list(li):
        p.append(child)  # moves the child with its tail
    li.append(p)
    return p


def _update(table, blocks, pids, new, restored, deleted, heirs):
    changed = False
    order = tuple(pids)
    if order != table.order:
        table.order = order
        changed = True
    for block, pid in zip(blocks, pids, strict=True):
        entry = (block.kind, block.text, text_hash(block.text))
        if table.by_id.get(pid) != entry:
            table.by_id[pid] = entry
            changed = True
    for pid in new:
        table.ever.add(pid)
    for pid in restored:
        table.heirs.pop(pid, None)
    for pid in deleted:
        del table.by_id[pid]
        if pid in heirs:
            table.heirs[pid] = heirs[pid]
    if changed or new or deleted or restored:
        table.serial += 1
