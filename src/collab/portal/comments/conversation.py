"""Which conversation holds a content's comments, and keeping workflow
transitions of comments from rewriting it.

A commented content's policy (``ICommentPolicy.conversation_holder``) says
which object's conversation holds its comments: a content's es and fr
versions are the same discussion in other words, so every translation
adapts to the conversation of one version.

A version that has left its place (deleted, or inside something deleted)
holds only its own conversation: plone.app.discussion empties
``IConversation(content)`` when content is removed, and the shared one
must outlive every version but the last.
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.content.translations import translations
from plone.app.discussion.conversation import conversationAdapterFactory
from plone.app.discussion.interfaces import IConversation
from Products.CMFCore.interfaces import ISiteRoot
from ZODB.POSException import POSKeyError
from ZODB.utils import z64
from zope.component import adapter
from zope.interface import implementer


def conversation_holder(content):
    """Of ``content`` and its translations, the version created first: it
    never changes when a translation is added later, so its conversation
    can hold the comments of all of them."""
    content = aq_inner(content)
    if removed(content):
        return content
    versions = [obj for obj in translations(content).values() if obj is not None]
    if not versions:
        return content
    return _first_created(versions)


def next_holder(content, leaving):
    """If ``content`` holds the comments of its versions, the version that
    will hold them once ``leaving`` (``content`` itself, or a container
    above it) is gone: the first created of the versions outside
    ``leaving``. None if ``content`` holds no one's comments but its own,
    or no other version remains.

    Asked while ``leaving`` is on its way out, when CMF may already have
    uncatalogued it (``translations`` reads the catalog): so "is it the
    holder" is decided by the creation order, not by asking
    ``conversation_holder``."""
    content = aq_inner(content)
    gone = leaving.getPhysicalPath()
    rest = [
        obj
        for obj in translations(content).values()
        if obj is not None
        and aq_base(obj) is not aq_base(content)
        and obj.getPhysicalPath()[: len(gone)] != gone
    ]
    if not rest:
        return None
    successor = _first_created(rest)
    if aq_base(_first_created([content, successor])) is not aq_base(content):
        return None
    return successor


def _first_created(versions):
    return min(versions, key=lambda obj: (obj.created(), obj.UID()))


def removed(content):
    """True while ``content`` is being deleted: it, or a container above
    it, is no longer in the container its acquisition chain names. OFS
    sends ``IObjectRemovedEvent`` (to the object and its sublocations)
    after taking the object out, with the old parent as wrapper. A
    rename or move rewraps the object in its new place first, so it is
    never "removed"."""
    chain = aq_chain(content)
    for child, parent in zip(chain, chain[1:], strict=False):
        if ISiteRoot.providedBy(child):
            return False
        get = getattr(aq_base(parent), "_getOb", None)
        name = getattr(aq_base(child), "getId", None)
        if get is None or name is None:
            return False  # a bare object: nothing to tell
        if aq_base(get(name(), None)) is not aq_base(child):
            return True
    return False


@implementer(IConversation)
@adapter(ICommentHost)
def shared_conversation(content):
    holder = ICommentPolicy(content).conversation_holder()
    return conversationAdapterFactory(holder)


def host_of(conversation):
    """The engine-managed content holding ``conversation``, or None for
    comments on other content. Works on a wrapped conversation and on the
    bare one plone.app.discussion stores as a comment's ``__parent__``."""
    parent = aq_parent(conversation) or getattr(conversation, "__parent__", None)
    if parent is not None and ICommentHost.providedBy(aq_base(parent)):
        return parent
    return None


def policy_of(conversation):
    """The ``ICommentPolicy`` of the content holding ``conversation``, or
    None for comments the engine does not manage."""
    host = host_of(conversation)
    return None if host is None else ICommentPolicy(host)


def forget_spurious_write(comment, event):
    """Keep a workflow transition of a comment from rewriting its whole
    conversation.

    Changing a comment's ``View`` roles makes AccessControl delete
    ``__roles__`` from each name the permission protects, among them the
    comment's ``__parent__``, the conversation: deleting from a persistent
    object marks it changed even when there was nothing to delete. Every
    new comment is such a transition, so members posting to one content at
    the same time all "changed" the conversation and hit ConflictErrors
    that nothing could resolve. Just before commit, a conversation whose
    state equals the one it was loaded with is marked unchanged again, as
    ZODB allows; a real change is written as always.
    """
    conversation = aq_base(aq_parent(comment) or comment.__parent__)
    if getattr(conversation, "_p_jar", None) is None:
        return  # new this transaction: it has to be written anyway
    current = conversation._p_jar.transaction_manager.get()
    hooked = _hooked(current)
    if conversation._p_oid in hooked:
        return
    hooked.add(conversation._p_oid)
    current.addBeforeCommitHook(_unmark_if_unchanged, (conversation,))


class _HookedKey:
    """Key of this module's data on a transaction: the oids of the
    conversations that already have the hook."""


HOOKED = _HookedKey()


def _hooked(current):
    """Per-transaction scratch data: ``transaction.data`` lives as long as
    the transaction, where ``transaction.extension`` would be pickled into
    the stored transaction record."""
    try:
        return current.data(HOOKED)
    except KeyError:
        hooked = set()
        current.set_data(HOOKED, hooked)
        return hooked


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
