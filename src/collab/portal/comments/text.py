"""Comment text without the characters that documents cannot hold.

XML 1.0 (and so XLSX and DOCX) has no place for most ASCII control
characters (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``, ``\\x0e``–``\\x1f``),
for ``\\ufffe``/``\\uffff`` and for lone surrogates (which a JSON body can
carry as ``\\ud800`` and UTF-8 cannot encode). A member never means them;
one pasted by accident made a whole export fail. They are dropped
from a comment's text when it is stored, on every channel, and again when
anything already stored is written into an export.
"""

import re


UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def writable(value):
    """``value`` without unwritable characters; other values unchanged."""
    if isinstance(value, str):
        return UNWRITABLE.sub("", value)
    return value


def clean_comment_text(comment, event=None):
    """Subscriber (comment about to be added, comment modified): every
    channel (page form, REST, scripts) ends in these events."""
    text = getattr(comment, "text", None)
    cleaned = writable(text)
    if cleaned != text:
        comment.text = cleaned
