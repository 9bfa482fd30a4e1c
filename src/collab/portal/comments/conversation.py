"""One conversation per discussion group across its translations.

A group's es and fr versions are the same discussion in other words: the
comments live in the conversation of one version, the *conversation
holder*, and every translation adapts to that same conversation. The holder
is the version created first, so it never changes when a translation is
added later.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal.content.discussion_group import IDiscussionGroup
from collab.portal.content.translations import translations
from plone.app.discussion.conversation import conversationAdapterFactory
from plone.app.discussion.interfaces import IConversation
from ZODB.POSException import POSKeyError
from ZODB.utils import z64
from zope.component import adapter
from zope.interface import implementer


def conversation_holder(group):
    group = aq_inner(group)
    versions = [obj for obj in translations(group).values() if obj is not None]
    if not versions:
        return group
    return min(versions, key=lambda obj: (obj.created(), obj.UID()))


@implementer(IConversation)
@adapter(IDiscussionGroup)
def shared_conversation(group):
    return conversationAdapterFactory(conversation_holder(group))


def discussion_group_of(conversation):
    """The DiscussionGroup holding ``conversation``, or None for comments
    on other content. Works on a wrapped conversation and on the bare one
    plone.app.discussion stores as a comment's ``__parent__``."""
    parent = aq_parent(conversation) or getattr(conversation, "__parent__", None)
    if parent is not None and IDiscussionGroup.providedBy(aq_base(parent)):
        return parent
    return None


def forget_spurious_write(comment, event):
    """Keep a workflow transition of a comment from rewriting its whole
    conversation.

    Changing a comment's ``View`` roles makes AccessControl delete
    ``__roles__`` from each name the permission protects, among them the
    comment's ``__parent__``, the conversation: deleting from a persistent
    object marks it changed even when there was nothing to delete. Every
    new comment is such a transition, so members posting to one group at
    the same time all "changed" the conversation and hit ConflictErrors
    that nothing could resolve. Just before commit, a conversation whose
    state equals the one it was loaded with is marked unchanged again, as
    ZODB allows; a real change is written as always.
    """
    conversation = aq_base(aq_parent(comment) or comment.__parent__)
    if getattr(conversation, "_p_jar", None) is None:
        return  # new this transaction: it has to be written anyway
    transaction = conversation._p_jar.transaction_manager.get()
    hooked = transaction.extension.setdefault("collab.portal.conversations", set())
    if conversation._p_oid in hooked:
        return
    hooked.add(conversation._p_oid)
    transaction.addBeforeCommitHook(_unmark_if_unchanged, (conversation,))


def _unmark_if_unchanged(conversation):
    if not conversation._p_changed or conversation._p_serial == z64:
        # Never committed (only held by a savepoint): nothing to compare
        # with, and it has to be written.
        return
    try:
        committed = conversation._p_jar.oldstate(conversation, conversation._p_serial)
    except (POSKeyError, AttributeError):
        # After a savepoint the connection reads through a temporary store
        # that keeps no old revisions (no ``loadSerial``): write as usual.
        return
    if committed == conversation.__getstate__():
        conversation._p_changed = False
