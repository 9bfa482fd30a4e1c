"""What a draft page polls besides ``@comments``: its paragraphs with
their comment counts, and the ETag that answers 304 while neither the
text nor the comments the reader may read changed."""

from BTrees.LLBTree import intersection
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.polling import comments_etag
from collab.portal.conditional import etag_of
from collab.portal.drafts.comment_index import paragraph_index
from collab.portal.drafts.paragraphs import read_table
from plone.app.discussion.interfaces import IConversation


def paragraphs_etag(draft, request):
    """The comments' ETag for this reader, with the text's version."""
    return etag_of(
        "paragraphs", read_table(draft).serial, comments_etag(draft, request)
    )


def paragraph_counts(draft, reader=None):
    """Paragraph id -> how many of its comments the reader may read
    (``reader``: the page's ``DiscussionReader``, if it has one)."""
    index = paragraph_index(draft)
    if not index:
        return {}
    reader = reader or DiscussionReader(IConversation(draft), draft)
    counts = {}
    for pid, ids in index.items():
        if reader.visible is None:
            counts[pid] = len(ids)
        else:
            counts[pid] = len(intersection(ids, reader.visible) or ())
    return counts
