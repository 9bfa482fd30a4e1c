"""Comments on engine-managed content join the site
search within a minute.

Products.ZCTextIndex rewrites, for every word of a new document, the
index entry of that word, even when it only added the document to a
posting list of its own. Members posting to one conversation share most of their
words, so posting at the
same time conflicted in the text indexes far more than anywhere else, and
Zope's retries, which sleep in the worker thread, turned that into errors
and timeouts.

So such a comment is catalogued at once for everything else (path,
state, dates, who), which is what pages, REST and counters use, and its
words (``SearchableText``, ``Title``, the ``Description`` excerpt) are
indexed by the clock, one writer, a minute later at most.
Comments on other content are catalogued as plone.app.discussion does.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from BTrees.LLBTree import LLTreeSet
from collab.portal.comments.conversation import host_of
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.stats import comment_stats
from plone import api
from plone.app.discussion import catalog as discussion_catalog
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.base.interfaces import IPloneCatalogTool
from plone.indexer import indexer
from zope.dottedname.resolve import resolve


TEXT_INDEXES = ("SearchableText", "Title", "Description")
SEARCHABLE = "_collab_portal_searchable"


def is_hosted(comment):
    """True for a comment on content the engine manages."""
    conversation = aq_parent(comment) or aq_base(comment).__parent__
    return host_of(conversation) is not None


def words_wait(comment):
    """True until the clock has indexed this hosted comment's words."""
    return is_hosted(comment) and not getattr(aq_base(comment), SEARCHABLE, False)


# Registered for Plone's catalog, so they win over plone.app.discussion's
# indexers (registered for any catalog) without overriding them.


@indexer(IComment, IPloneCatalogTool)
def searchable_text(comment):
    if words_wait(comment):
        return None
    return discussion_catalog.searchable_text(comment)()


@indexer(IComment, IPloneCatalogTool)
def title(comment):
    """Empty, not None, while the words wait: listings such as Plone's
    moderation page expect a string."""
    if words_wait(comment):
        return ""
    return comment.Title()


@indexer(IComment, IPloneCatalogTool)
def description(comment):
    if words_wait(comment):
        return ""
    return discussion_catalog.description(comment)()


def waiting(stats):
    if getattr(stats, "unsearched", None) is None:
        stats.unsearched = LLTreeSet()
    return stats.unsearched


def queue_for_search(comment, event):
    if is_hosted(comment):
        waiting(comment_stats(aq_base(comment).__parent__)).insert(comment.comment_id)


def index_waiting_comments(catalog):
    """Index the words of the comments posted since the last tick; return
    how many."""
    done = 0
    seen = set()
    types = host_portal_types()
    if not types:
        return done
    for brain in catalog.unrestrictedSearchResults(portal_type=types):
        conversation = IConversation(brain._unrestrictedGetObject())
        stats = comment_stats(conversation)
        if id(stats) in seen or not getattr(stats, "unsearched", None):
            continue
        seen.add(id(stats))
        for cid in list(stats.unsearched):
            comment = conversation.get(cid)
            if comment is not None:
                setattr(aq_base(comment), SEARCHABLE, True)
                catalog.reindexObject(comment, idxs=list(TEXT_INDEXES))
                done += 1
            stats.unsearched.remove(cid)
    return done


def host_portal_types():
    """The content types whose class provides ``ICommentHost``: the engine
    finds its content by what it is, not by a feature's type names."""
    types = []
    for fti in api.portal.get_tool("portal_types").objectValues():
        klass = getattr(fti, "klass", None)
        if not klass:
            continue
        try:
            factory = resolve(klass)
        except ImportError:
            continue
        if ICommentHost.implementedBy(factory):
            types.append(fti.getId())
    return types
