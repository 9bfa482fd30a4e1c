"""Fixtures of the comparison tests: bodies with paragraph ids written as
drafts/paragraphs.py writes them (``id="p-"`` and 8 hex digits)."""

from html import escape


# One long paragraph, as in a resolution: the browser test changes
# one word of it ("shall" -> "should").
LONG = (
    "The Parties shall report every two years to the secretariat on the "
    "measures they have taken to implement this resolution, on the "
    "difficulties they have met and on the effectiveness of those measures, "
    "using the format adopted at the previous session."
)


def pid(number):
    """The paragraph id of test paragraph ``number``: p-00000001 ..."""
    return f"p-{number:08x}"


def paragraph(number, text, tag="p"):
    """A block of escaped ``text`` with the id of paragraph ``number``."""
    return f'<{tag} id="{pid(number)}">{escape(text)}</{tag}>'


def body(*paragraphs):
    """A body of blocks given as ``(number, text)`` pairs, in that order."""
    return "".join(paragraph(number, text) for number, text in paragraphs)


def long_body(count, edit=None):
    """A body of ``count`` paragraphs; ``edit(number, text)`` may return
    another text for a paragraph (None: unchanged)."""
    paragraphs = []
    for number in range(1, count + 1):
        text = f"Paragraph {number}. {LONG}"
        if edit is not None:
            text = edit(number, text) or text
        paragraphs.append((number, text))
    return body(*paragraphs)
