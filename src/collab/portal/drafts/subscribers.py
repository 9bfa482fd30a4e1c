"""What follows a change of a draft's text: every block gets its stable
paragraph id (``paragraphs.assign_ids``), written into the stored HTML,
and the comments of changed or deleted paragraphs are placed again by
their quote (``anchoring.reanchor``), on every channel that saves it."""

from collab.portal.drafts.anchoring import Anchor
from collab.portal.drafts.anchoring import reanchor
from collab.portal.drafts.comment_index import move_comment
from collab.portal.drafts.paragraphs import assign_ids
from collab.portal.drafts.paragraphs import paragraph_table
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue


def number_paragraphs(draft, event=None):
    text = getattr(draft, "text", None)
    raw = getattr(text, "raw", None)
    if not raw:
        return
    table = paragraph_table(draft)
    result = assign_ids(raw, table)
    if result.html != raw:
        draft.text = RichTextValue(result.html, "text/html", text.outputMimeType)
    if result.touched:
        place_comments_again(draft, table, set(result.touched))


def place_comments_again(draft, table, touched):
    """Re-anchor the comments whose paragraph was changed or deleted."""
    conversation = IConversation(draft, None)
    if conversation is None:
        return
    for comment in conversation.getComments():
        stored = getattr(comment, "anchor", None)
        if not stored or stored.get("paragraph") not in touched:
            continue
        anchor = reanchor(Anchor(**stored), table)
        if anchor.as_dict() != stored:
            move_comment(draft, comment.comment_id, comment.paragraph, anchor.paragraph)
            comment.anchor = anchor.as_dict()
            comment.paragraph = anchor.paragraph
