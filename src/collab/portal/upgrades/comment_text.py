"""Upgrade to 1006: give back their own text to comments that an earlier
REST edit stored as escaped HTML.

Until 1006 the add-on's REST serializer returned every plain-text comment's
text as the HTML Plone makes of it (``<p>a &lt; b</p>``), and a client that
sent it back unchanged stored that HTML as the text, which readers then saw
as markup. Such a text is recognised safely: undoing Plone's plain-text to
HTML conversion (a paragraph, ``<br />`` for line breaks, entities) gives a
candidate, and the comment is repaired only when converting the candidate
again gives exactly the stored text, which is what the old serializer had
sent; and only in comments edited after they were posted, since only an
edit stored it. Each unchanged edit nested it once more, so it is undone
until it no longer matches. Any other text stays as it is. (An author who
typed ``<p>words</p>`` by hand in an edit cannot be told apart: such a
comment shows ``words`` afterwards.)
"""

from html import unescape
from plone import api
import logging
import re


logger = logging.getLogger("collab.portal")
# Plone turns each "\n" into a break; the safe-HTML step writes "<br>" and
# turns the "\r" before it into "\n".
BREAK = re.compile(r"(\n?)<br\s*/?>")


def as_html(text):
    transforms = api.portal.get_tool("portal_transforms")
    converted = transforms.convertTo("text/x-html-safe", text, mimetype="text/plain")
    return converted.getData() if converted else None


def written_text(text):
    """The text the author wrote, if ``text`` is its HTML stored as text by
    a REST round trip; else None."""
    if not (text.startswith("<p>") and text.endswith("</p>")):
        return None
    inner = text[3:-4]
    if "<" in BREAK.sub("", inner):
        return None
    candidate = unescape(BREAK.sub(lambda m: "\r\n" if m.group(1) else "\n", inner))
    if as_html(candidate) != text:
        return None
    return candidate


def original_text(text):
    """Undo every nested round trip."""
    repaired = None
    while (earlier := written_text(text)) is not None:
        repaired = text = earlier
    return repaired


def repair_comment_texts(setup_context):
    catalog = api.portal.get_tool("portal_catalog")
    repaired = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        comment = brain._unrestrictedGetObject()
        if getattr(comment, "mime_type", None) not in (None, "text/plain"):
            continue
        if comment.modification_date == comment.creation_date:
            continue  # never edited: what the author wrote, whatever it looks like
        text = original_text(comment.text or "")
        if text is None:
            continue
        comment.text = text
        catalog.reindexObject(comment, idxs=["SearchableText", "Description"])
        repaired += 1
    logger.info(
        "Repaired the text of %s comments stored as HTML by REST edits", repaired
    )
