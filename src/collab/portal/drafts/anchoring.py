"""Where a draft comment belongs, and finding it again after the body changed.

A comment is anchored to a paragraph id *and* to the text it was made on:
the quote, 32 characters of context on each side (the W3C
TextQuoteSelector), the quote's offset (a hint only) and the whole
paragraph text. ``capture`` computes all of it on the server from the
stored text; the client sends only the paragraph, the quote and where it
starts, and a quote that is not in that paragraph is refused.

``reanchor`` runs for the comments of changed and deleted paragraphs after
each save of the body (``Assignment.touched``). The id comes first, the
quote second, and position only breaks ties, as Hypothesis re-anchors
(``match-quote.ts``: quote, prefix, suffix and position scored 50/20/20/2):

1. the quote is still word for word in its own paragraph: it stays;
2. otherwise its possible places are weighed together: word for word in
   another paragraph (a quote of 32 characters or more where it is the
   only such place, else only where one side of its context is intact:
   the split, merge and move cases) and, for a quote of 12 characters or
   more, approximate places (in its own paragraph and its neighbours while
   that is there, else in the heirs of the deleted paragraph and the few
   paragraphs most like the quote), accepted when the quote is at least
   60 % similar and the whole score at least 0.65. Its own paragraph wins
   unless another place scores more than 0.05 better; an heir wins a tie;
   two other paragraphs scoring alike are no place at all (boilerplate);
3. a comment on a whole paragraph follows the paragraph's heirs or the
   most similar text;
4. otherwise it stays *changed* on its own paragraph if that is still
   there, or becomes *orphaned* with the text it was made on.

It is never placed by position alone: an insert above moves nothing
(Decidim's collaborative texts moved pending suggestions to the wrong
paragraph that way).
"""

from bisect import bisect_right
from collab.portal import _
from collab.portal.drafts.paragraphs import normalize_text
from collab.portal.drafts.paragraphs import paragraphs
from collab.portal.drafts.paragraphs import ParagraphTable
from collab.portal.drafts.paragraphs import text_hash
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from rapidfuzz import fuzz
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


ANCHORED = "anchored"  # on the paragraph it was made on, quote word for word
MOVED = "moved"  # placed on another paragraph than the one it was made on
CHANGED = "changed"  # on its paragraph, the quote edited (end set) or gone (None)
ORPHANED = "orphaned"  # its paragraph is gone and its quote is nowhere
STATES = (ANCHORED, MOVED, CHANGED, ORPHANED)

QUOTE_MAX = 1000
CONTEXT = 32
FUZZY_MIN = 12  # shorter quotes are only ever found word for word
DISTINCT = 32  # a quote this long moves word for word without its context
AGREES = 0.9  # a shorter one needs one side of its context this similar
QUOTE_MIN = 0.60  # fuzzy: similarity of the quote to the text found
SCORE_MIN = 0.65  # the weighted score of quote, prefix, suffix and position
OWN_MARGIN = 0.05  # another paragraph must beat the own one by more than this
HEIR_BONUS = 0.01  # an heir beats a stranger on a tie
AMBIGUOUS = 0.03  # two other paragraphs this close (position weighs less): none
STRANGERS = 5  # best other paragraphs scored in the fuzzy step
NEIGHBOURS = 2  # paragraphs each side of the own one scored in the fuzzy step
WHOLE_MIN = 90  # a whole-paragraph comment follows another text this similar

UNKNOWN_PARAGRAPH = _(
    "draft_unknown_paragraph",
    default="This paragraph is no longer in the draft. Reload the page and "
    "comment again.",
)
QUOTE_NOT_FOUND = _(
    "draft_quote_not_found",
    default="The text you selected is no longer in this paragraph: it has "
    "changed. Reload the page and select it again.",
)
QUOTE_TOO_LONG = _(
    "draft_quote_too_long",
    default="Select at most ${max} characters, or comment on the whole paragraph.",
    mapping={"max": QUOTE_MAX},
)


@dataclass(frozen=True)
class Anchor:
    """Where a comment sits and what it was made on.

    ``paragraph``: the id it is placed on (the old id when orphaned).
    ``quote``, ``prefix``, ``suffix``, ``text``: the quote, its context and
    the whole paragraph text when the comment was made; never changed by
    re-anchoring, so every re-anchoring compares with the original.
    ``start``, ``end``: where the quote stands now in the paragraph's text
    (``end`` None when it could not be found: changed or orphaned; ``start``
    then keeps the last known offset). An empty quote is a comment on the
    whole paragraph. ``origin``: the paragraph it was made on. ``state``:
    one of STATES.
    """

    paragraph: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int | None
    text: str
    state: str = ANCHORED
    origin: str | None = None

    def as_dict(self):
        return asdict(self)


def capture(source, paragraph_id, quote, start=None):
    """The anchor of a new comment on ``paragraph_id`` of ``source`` (a
    ParagraphTable or the body's HTML), from the server's text.

    ``quote`` is normalized as paragraph texts are (NFC, whitespace
    collapsed); "" comments on the whole paragraph. Where the quote occurs
    more than once, ``start`` (the offset the browser saw) chooses.
    Raises ValueError with a translated message (``args[0]``) for an
    unknown paragraph, a quote not in it, or a quote too long.
    """
    text = _text_of(source, paragraph_id) if isinstance(paragraph_id, str) else None
    if text is None:
        raise ValueError(UNKNOWN_PARAGRAPH)
    if quote is not None and not isinstance(quote, str):
        raise ValueError(QUOTE_NOT_FOUND)
    if isinstance(start, bool) or not isinstance(start, int):
        start = None  # a hint only: anything else is no hint
    quote = normalize_text(quote)
    if len(quote) > QUOTE_MAX:
        raise ValueError(QUOTE_TOO_LONG)
    if not quote:
        return Anchor(paragraph_id, "", "", "", 0, len(text), text, origin=paragraph_id)
    hits = _occurrences(text, quote)
    if not hits:
        raise ValueError(QUOTE_NOT_FOUND)
    at = hits[0] if start is None else min(hits, key=lambda h: abs(h - start))
    end = at + len(quote)
    return Anchor(
        paragraph_id,
        quote,
        text[max(0, at - CONTEXT) : at],
        text[end : end + CONTEXT],
        at,
        end,
        text,
        origin=paragraph_id,
    )


def _text_of(source, paragraph_id):
    if isinstance(source, ParagraphTable):
        return source.text(paragraph_id)
    for paragraph in paragraphs(source):
        if paragraph.id == paragraph_id:
            return paragraph.text
    return None


def _occurrences(text, quote):
    hits, at = [], text.find(quote)
    while at != -1:
        hits.append(at)
        at = text.find(quote, at + 1)
    return hits


def reanchor(anchor, table):
    """``anchor`` placed again in the body that ``table`` describes now.

    Returns a new Anchor (the same one when nothing changed); only
    ``paragraph``, ``start``, ``end`` and ``state`` ever differ. A general
    comment (no paragraph) has nothing to re-anchor.
    """
    if not isinstance(anchor.paragraph, str):
        return anchor
    snapshot = table.snapshot()
    own = anchor.paragraph if anchor.paragraph in snapshot.positions else None
    heirs = () if own else table.heirs_of(anchor.paragraph)
    if not anchor.quote:
        placed = _whole_paragraph(anchor, snapshot, own, heirs)
    else:
        placed = _verbatim_own(anchor, snapshot, own) or _elsewhere(
            anchor, snapshot, own, heirs
        )
    if placed is None:
        paragraph, start, end = anchor.paragraph, anchor.start, None
        state = CHANGED if own else ORPHANED
    else:
        paragraph, start, end, exact = placed
        if paragraph != (anchor.origin or anchor.paragraph):
            state = MOVED
        else:
            state = ANCHORED if exact else CHANGED
    result = replace(anchor, paragraph=paragraph, start=start, end=end, state=state)
    return anchor if result == anchor else result


def _whole_paragraph(anchor, snapshot, own, heirs):
    if own:
        text = snapshot.texts[snapshot.positions[own]]
        same = text_hash(text) == text_hash(anchor.text)
        return (own, 0, len(text), same)
    if heirs:  # the block that holds most of its text
        return (heirs[0], 0, len(_text(snapshot, heirs[0])), False)
    found = process.extract(
        anchor.text, snapshot.texts, scorer=fuzz.ratio, score_cutoff=WHOLE_MIN, limit=2
    )
    if not found or (len(found) == 2 and found[0][1] - found[1][1] < AMBIGUOUS * 100):
        return None
    text, similarity, index = found[0]
    return (snapshot.pids[index], 0, len(text), similarity == 100)


def _text(snapshot, pid):
    return snapshot.texts[snapshot.positions[pid]]


def _verbatim_own(anchor, snapshot, own):
    if not own:
        return None
    text = _text(snapshot, own)
    hits = _occurrences(text, anchor.quote)
    if not hits:
        return None
    length = len(anchor.quote)
    at = max(
        hits,
        key=lambda h: _score(anchor, snapshot, own, text, h, h + length, 1.0, own),
    )
    return (own, at, at + length, True)


def _elsewhere(anchor, snapshot, own, heirs):
    """Steps 2 and 3 weighed together: word-for-word places in other
    paragraphs, and approximate places (own paragraph, heirs, the few other
    paragraphs most like the quote; only the own paragraph when a
    word-for-word place exists). The own paragraph wins unless another
    place scores more than OWN_MARGIN better."""
    reference = own or (heirs[0] if heirs else None)
    scored = _verbatim_places(anchor, snapshot, own, heirs, reference)
    if len(anchor.quote) >= FUZZY_MIN:
        if scored:
            candidates = [own] if own else []
        else:
            candidates = _candidates(anchor.quote, snapshot, own, heirs)
        scored += _fuzzy_places(anchor, snapshot, candidates, heirs, reference)
    if not scored:
        return None
    rank, pid, start, end, exact = max(scored)
    mine = [place for place in scored if place[1] == own]
    if mine and rank - mine[0][0] <= OWN_MARGIN:
        rank, pid, start, end, exact = mine[0]
    elif any(
        place[1] != pid
        and rank - place[0] < AMBIGUOUS
        and (place[1] in heirs or pid not in heirs)
        for place in scored
    ):
        return None  # the same text in the same context twice: no place is its own
    return (pid, start, end, exact)


def _verbatim_places(anchor, snapshot, own, heirs, reference):
    """The quote word for word in other paragraphs (one search in the joined
    texts: a quote holds no newline). A place counts where one side of the
    quote's context is intact, or, for a quote of DISTINCT characters or
    more, where it is the only one: boilerplate repeated through the text
    is never a reason to move a comment."""
    joined, quote, length = snapshot.joined, anchor.quote, len(anchor.quote)
    hits, at = [], joined.find(quote)
    while at != -1:
        index = bisect_right(snapshot.starts, at) - 1
        if snapshot.pids[index] != own:
            hits.append((index, at - snapshot.starts[index]))
        at = joined.find(quote, at + 1)
    places = []
    for index, start in hits:
        pid, text, end = snapshot.pids[index], snapshot.texts[index], start + length
        if (length >= DISTINCT and len(hits) == 1) or _context_support(
            anchor, text, start, end
        ) >= AGREES:
            score = _score(anchor, snapshot, pid, text, start, end, 1.0, reference)
            places.append((score + _bonus(pid, heirs), pid, start, end, True))
    return places


def _bonus(pid, heirs):
    return HEIR_BONUS if pid in heirs else 0.0


def _candidates(quote, snapshot, own, heirs):
    """Where to look for an edited quote: around its own paragraph (a
    split puts the other half next to it) while that is there; else the
    heirs and the few paragraphs most like the quote."""
    if own:
        at = snapshot.positions[own]
        around = snapshot.pids[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]
        return [own] + [pid for pid in around if pid != own]
    candidates = list(heirs)
    for _choice, _similarity, index in process.extract(
        quote,
        snapshot.texts,
        scorer=fuzz.partial_ratio,
        score_cutoff=QUOTE_MIN * 100,
        limit=STRANGERS,
    ):
        if snapshot.pids[index] not in candidates:
            candidates.append(snapshot.pids[index])
    return candidates


def _fuzzy_places(anchor, snapshot, candidates, heirs, reference):
    """The edited quote's best approximate place in each candidate."""
    quote, places = anchor.quote, []
    for pid in candidates:
        text = _text(snapshot, pid)
        found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=QUOTE_MIN * 100)
        if found is None:
            continue
        start, end = _refine(quote, text, found.dest_start, found.dest_end)
        quote_s = fuzz.ratio(quote, text[start:end]) / 100
        if quote_s < QUOTE_MIN:
            continue
        score = _score(anchor, snapshot, pid, text, start, end, quote_s, reference)
        if score >= SCORE_MIN:
            places.append((score + _bonus(pid, heirs), pid, start, end, False))
    return places


def _refine(quote, text, start, end):
    """The aligned window has the quote's length; an edit that made the text
    longer or shorter moves its true edges: try each edge a few characters
    either way, the start first."""
    reach = min(8, max(2, len(quote) // 4))

    def similarity(span):
        return fuzz.ratio(quote, text[span[0] : span[1]])

    starts = [(s, end) for s in range(max(0, start - reach), start + reach + 1)]
    start = max(starts, key=lambda span: (similarity(span), -abs(span[0] - start)))[0]
    ends = [(start, e) for e in range(end - reach, min(len(text), end + reach) + 1)]
    end = max(ends, key=lambda span: (similarity(span), -abs(span[1] - end)))[1]
    return start, end


def _context_support(anchor, text, start, end):
    """How well the better side of the stored context agrees with the text
    now beside the quote: a short quote moves only where one side is intact."""
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    suffix = text[end : end + len(anchor.suffix)]
    return max(
        _context(anchor.prefix, prefix, start == 0),
        _context(anchor.suffix, suffix, end == len(text)),
    )


def _score(anchor, snapshot, pid, text, start, end, quote_s, reference):
    """Hypothesis' weights: quote 50, prefix 20, suffix 20, position 2."""
    prefix = text[max(0, start - len(anchor.prefix)) : start]
    prefix_s = _context(anchor.prefix, prefix, start == 0)
    suffix_s = _context(
        anchor.suffix, text[end : end + len(anchor.suffix)], end == len(text)
    )
    if pid == reference:
        pos_s = 1 - min(1, abs(start - anchor.start) / max(len(text), 1))
    elif reference is None:
        pos_s = 0.5
    else:
        distance = abs(snapshot.positions[pid] - snapshot.positions[reference])
        pos_s = 1 - distance / max(len(snapshot.pids), 1)
    return (50 * quote_s + 20 * prefix_s + 20 * suffix_s + 2 * pos_s) / 92


def _context(stored, found, at_edge):
    """Similarity of a stored prefix or suffix to the text now beside the
    quote; an empty one (the quote began or ended its paragraph) agrees
    fully at the paragraph's edge and half elsewhere."""
    if not stored:
        return 1.0 if at_edge else 0.5
    return Levenshtein.normalized_similarity(stored, found)
