"""Fixtures for the paragraph-id and anchoring tests: bodies written as lists
of texts, and the ids a saved body carries."""

from collab.portal.drafts.paragraphs import assign_ids
from collab.portal.drafts.paragraphs import paragraphs
from collab.portal.drafts.paragraphs import ParagraphTable
from random import Random


CLAUSES = [
    "The Parties shall report every year to the Secretariat on the measures "
    "they have taken.",
    "The Secretariat shall compile the reports and circulate them to all "
    "Parties before the meeting.",
    "Each Party shall designate a national focal point for the exchange of "
    "information.",
    "The Conference of the Parties shall review the implementation of this "
    "resolution at its next session.",
    "Observers may attend the meetings of the working group without the right to vote.",
]


def body(*texts, tag="p"):
    """HTML of one ``tag`` per text; a text given as (pid, text) carries
    that id, as the editor sends back a saved body."""
    out = []
    for text in texts:
        if isinstance(text, tuple):
            out.append(f'<{tag} id="{text[0]}">{text[1]}</{tag}>')
        else:
            out.append(f"<{tag}>{text}</{tag}>")
    return "".join(out)


def saved(html, table=None):
    """A fresh table and the assignment of ``html`` to it."""
    table = table if table is not None else ParagraphTable()
    return table, assign_ids(html, table)


def ids(html):
    return [p.id for p in paragraphs(html)]


def by_text(html):
    """text → id of a body's blocks."""
    return {p.text: p.id for p in paragraphs(html)}


VOCABULARY = (
    "the Parties shall report every year to Secretariat on measures taken compile "
    "circulate before meeting each designate national focal point for exchange of "
    "information Conference review implementation this resolution at its next "
    "session observers may attend working group without right vote budget "
    "programme of work trust fund contributions voluntary assessed scale decision "
    "invites requests encourages recalls notes welcomes urges subsidiary body "
    "scientific technical advice capacity building developing countries small "
    "island states least developed economies in transition financial mechanism "
    "guidance operating entity report progress biennium period rules procedure "
    "bureau chair vice rapporteur regional groups consultations informal "
    "documents annex appendix table figure draft text square brackets"
)
WORDS = tuple(VOCABULARY.split(" "))


def big_body(count=300, seed=22):
    """``count`` distinct paragraphs of 20 to 45 words, always the same."""
    rnd = Random(seed)
    return [
        f"{n + 1}. "
        + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(20, 45))).capitalize()
        + "."
        for n in range(count)
    ]
