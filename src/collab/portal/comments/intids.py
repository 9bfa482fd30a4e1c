"""Comments get no integer id.

five.intid gives every persistent object added anywhere an integer id:
one insert into each of the two BTrees of the site's intid utility. For a
comment nothing ever looks the id up (relations point to content, not to
comments), but every post wrote those two shared BTrees, and they were
where members posting to one conversation at once conflicted most (bucket splits
that Zope can only retry). A comment therefore has no key reference for
the intid utility, unless it was registered before this adapter existed:
then it keeps it, so that removing the comment also unregisters it.
"""

from five.intid.keyreference import KeyReferenceToPersistent
from plone.app.discussion.interfaces import IComment
from zope.component import adapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.intid.interfaces import IIntIds
from zope.keyreference.interfaces import IKeyReference


@implementer(IKeyReference)
@adapter(IComment)
def comment_key_reference(comment):
    if not getattr(comment, "_p_oid", None):
        return None  # being added: do not register it
    intids = queryUtility(IIntIds)
    if intids is None:
        return None
    key = KeyReferenceToPersistent(comment)
    return key if key in intids.ids else None
