"""Two rounds of a draft compared (issue 22, Behaviour 4: "any two rounds
compare paragraph by paragraph, highlighting differences down to a single
changed word"), for the page ``@@compare`` and ``GET <draft>/@diff``.

A side of the comparison is a round's number (the text that round opened
on: its paragraph ``snapshot``, so no CMFEditions version is unpickled)
or ``current``, the text as it stands now. ``diff.compare_blocks`` does
the comparing; this module only reads the two sides and checks the
parameters, so the page and the service refuse the same things the same
way: a missing or garbled side is a ``ComparisonRefused`` with status
400, a round the draft does not have one with status 404, each with a
translated message.
"""

from collab.portal import _
from collab.portal.drafts.diff import Block
from collab.portal.drafts.diff import compare_blocks
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.rounds import rounds_of
from collab.portal.drafts.rounds import snapshot
import re


CURRENT = "current"
# A round number as a parameter: digits only ("1", not "+1", "1.0", "-1").
_NUMBER = re.compile(r"[0-9]{1,9}")


class ComparisonRefused(Exception):
    """The comparison cannot be made as asked: ``status`` (400 or 404)
    and a translated ``message`` for the reader."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_side(value, default=None):
    """``CURRENT`` or a round number (an int) from a request parameter;
    ``default`` when it is missing or empty (400 when there is none)."""
    if value is None or value == "":
        if default is None:
            raise ComparisonRefused(
                400,
                _(
                    "draft_compare_missing",
                    default="Say which round to compare from, e.g. ?from=1.",
                ),
            )
        return default
    if isinstance(value, str):
        value = value.strip()
        if value == CURRENT:
            return CURRENT
        if _NUMBER.fullmatch(value):
            return int(value)
    raise ComparisonRefused(
        400,
        _(
            "draft_compare_garbled",
            default='A round is given by its number or as "current".',
        ),
    )


def blocks(draft, side):
    """The paragraphs of one side as ``diff.Block``s, in order."""
    if side == CURRENT:
        rows = snapshot(draft)
    else:
        found = round_of(draft, side)
        if found is None:
            raise ComparisonRefused(
                404,
                _(
                    "draft_compare_no_round",
                    default="This draft has no round ${number}.",
                    mapping={"number": side},
                ),
            )
        rows = found.snapshot
    return [Block(pid, number, text) for pid, number, _kind, text in rows]


def compare_rounds(draft, old, new):
    """The rows of ``diff.compare_blocks`` turning side ``old`` into side
    ``new`` (each a round number or ``CURRENT``)."""
    old_blocks = blocks(draft, old)
    return compare_blocks(old_blocks, blocks(draft, new))


def round_numbers(draft):
    """The numbers of the draft's rounds, first to last: the choices of a
    comparison besides ``CURRENT``."""
    return [found.number for found in rounds_of(draft)]


def as_ops(row):
    """A row of ``compare_blocks`` as REST shows it: numbers on each side,
    and the word diff as ``[[op, text], ...]``."""
    return {
        "id": row["id"],
        "number_from": row["number_old"],
        "number_to": row["number_new"],
        "status": row["status"],
        "edited": row["edited"],
        "ops": [[change["op"], change["text"]] for change in row["changes"]],
    }
