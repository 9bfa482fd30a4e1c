"""Every handler of a comment's events, one per event, its steps in order.

The order of subscribers registered one by one would follow the order in
which ZCML files are read; here it is written down. After the engine's
own steps each handler calls the host policy's hook
(``ICommentPolicy.comment_event``) and then the features that listen to
comments anywhere (``ICommentListener``), so no feature registers
``IComment`` event subscribers of its own.
"""

from collab.portal.comments import flags
from collab.portal.comments import limits
from collab.portal.comments import security
from collab.portal.comments import stats
from collab.portal.comments.authors import record_author
from collab.portal.comments.conversation import forget_spurious_write
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.interfaces import ICommentListener
from collab.portal.comments.language import tag_comment_language
from collab.portal.comments.moderation import hold_for_moderation
from collab.portal.comments.search import queue_for_search
from collab.portal.comments.text import clean_comment_text
from zope.component import subscribers


def comment_will_be_added(comment, event):
    tag_comment_language(comment, event)
    # Text that documents can hold, whichever channel stored it.
    clean_comment_text(comment, event)
    # The author key before the limits, which count by it.
    record_author(comment, event)
    # After cleaning: the length checked is the stored one.
    limits.refuse_new_comment(comment, event)
    _policy_hook(event.newParent, comment, event)


def comment_added(comment, event):
    # Recalled to pending first: the counters and the roles below see the
    # state the comment keeps.
    hold_for_moderation(comment, event)
    stats.comment_added(comment, event)
    security.comment_added(comment, event)
    queue_for_search(comment, event)
    _policy_hook(comment.__parent__, comment, event)


def comment_modified(comment, event):
    clean_comment_text(comment, event)
    limits.limit_own_edits(comment, event)
    stats.comment_modified(comment, event)
    _policy_hook(comment.__parent__, comment, event)


def comment_transitioned(comment, event):
    stats.comment_transitioned(comment, event)
    forget_spurious_write(comment, event)
    flags.note_decision(comment, event)
    security.comment_transitioned(comment, event)
    _policy_hook(comment.__parent__, comment, event)


def comment_will_be_removed(comment, event):
    limits.limit_own_deletions(comment, event)
    _policy_hook(event.oldParent, comment, event)


def comment_removed(comment, event):
    stats.comment_removed(comment, event)
    _policy_hook(event.oldParent, comment, event)


def _policy_hook(conversation, comment, event):
    """The host's policy first, then the features listening to every
    comment (``ICommentListener``)."""
    policy = policy_of(conversation)
    hook = getattr(policy, "comment_event", None)
    if hook is not None:
        hook(comment, event)
    for listener in subscribers((comment,), ICommentListener):
        listener.comment_event(event)
