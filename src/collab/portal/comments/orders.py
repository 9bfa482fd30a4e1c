"""The two orders a discussion can be read in."""

from collab.portal import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


COMMENT_ORDERS = SimpleVocabulary(
    [
        SimpleTerm("oldest", "oldest", _("Oldest first")),
        SimpleTerm("newest", "newest", _("Newest first")),
    ]
)


@provider(IVocabularyFactory)
def CommentOrdersVocabulary(context):
    return COMMENT_ORDERS
