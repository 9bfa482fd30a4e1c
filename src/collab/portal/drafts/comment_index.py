"""Which comments are on which paragraph of a draft: an OOBTree from
paragraph id to the ids of its comments (replies included), in the
draft's annotation under a stored name.

``@paragraphs`` counts each paragraph's comments and ``@comments
?paragraph=`` lists them from here, without loading a comment. Members
commenting on different paragraphs at once insert under different keys,
which BTrees merge without a conflict.
"""

from BTrees.LLBTree import LLTreeSet
from BTrees.OOBTree import OOBTree
from zope.annotation.interfaces import IAnnotations


INDEX_KEY = "collab.portal.drafts.paragraph_comments"  # stored: never renamed


def paragraph_index(draft, create=False):
    annotations = IAnnotations(draft)
    index = annotations.get(INDEX_KEY)
    if index is None and create:
        index = annotations[INDEX_KEY] = OOBTree()
    return index


def comments_on(draft, pid):
    """The ids of the comments on paragraph ``pid`` (an empty set if none)."""
    index = paragraph_index(draft)
    found = index.get(pid) if index is not None and isinstance(pid, str) else None
    return found if found is not None else LLTreeSet()


def index_comment(draft, pid, cid):
    if not pid:
        return
    index = paragraph_index(draft, create=True)
    ids = index.get(pid)
    if ids is None:
        ids = index[pid] = LLTreeSet()
    ids.insert(cid)


def unindex_comment(draft, pid, cid):
    index = paragraph_index(draft)
    ids = index.get(pid) if index is not None and pid else None
    if ids is not None and cid in ids:
        ids.remove(cid)


def move_comment(draft, cid, old, new):
    if old != new:
        unindex_comment(draft, old, cid)
        index_comment(draft, new, cid)
