"""Who follows a forum or a discussion group, and how they want their mail.

Followers live in an OOBTree (userid → ``Following``) in the annotations of
the version of the forum or group that was created first: the same
*holder* that keeps a group's one conversation. Following the Spanish page
is therefore following the English one too, and adding a translation later
changes nothing.

Each member's choice is its own persistent record, so a digest run that
notes the time on one record never rewrites the tree, and two members
following at once touch different keys (which BTrees resolve).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal import _
from collab.portal.clock import now
from collab.portal.comments.conversation import conversation_holder
from collab.portal.content.translations import translations
from collab.portal.following.interfaces import IFollowable
from persistent import Persistent
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.base.interfaces import ILanguage
from zope.annotation.interfaces import IAnnotations


FOLLOWERS_KEY = "collab.portal.following.followers"
# On the site: UIDs of the holders that ever had followers, so the digest
# looks at those only, not at every followable of the archive.
FOLLOWED_KEY = "collab.portal.following.followed"

IMMEDIATE = "immediate"
DIGEST = "digest"
MODES = (IMMEDIATE, DIGEST)


BAD_MODE = _(
    "follow_bad_mode",
    default='Choose how to receive mail: "immediate" (an e-mail for each '
    'new comment) or "digest" (one daily digest).',
)


class UnknownMode(ValueError):
    """A mode other than ``immediate`` or ``digest``."""


class Following(Persistent):
    """One member's following of one forum or group.

    ``covered_until`` is how far the digest has reported (comments that
    became public later are news); ``last_digest`` is when the member's last
    digest ran. Both start when the member chooses the digest, so nothing
    from before is sent as news.
    """

    def __init__(self, mode, language=None, at=None):
        self.since = at or now()
        self.language = language
        self.set_mode(mode, self.since)

    def set_mode(self, mode, at=None):
        if mode not in MODES:
            raise UnknownMode(mode)
        at = at or now()
        if mode == DIGEST and getattr(self, "mode", None) != DIGEST:
            self.covered_until = at
            self.last_digest = at
        self.mode = mode


def holder(obj):
    """The version of a forum or group that keeps its followers."""
    return conversation_holder(aq_inner(obj))


def language_of(obj):
    """The language of the version a member followed on."""
    language = ILanguage(obj, None)
    return language.get_language() if language is not None else None


def is_followable(obj):
    return IFollowable.providedBy(obj)


def _tree(obj, create=False):
    annotations = IAnnotations(holder(obj))
    tree = annotations.get(FOLLOWERS_KEY)
    if tree is None and create:
        tree = annotations[FOLLOWERS_KEY] = OOBTree()
        followed_uids(create=True).insert(holder(obj).UID())
    return tree


def follow(obj, userid, mode, language=None, at=None):
    """Follow ``obj`` (or change the mode); returns (record, created)."""
    if mode not in MODES:
        raise UnknownMode(mode)
    tree = _tree(obj, create=True)
    record = tree.get(userid)
    if record is None:
        tree[userid] = record = Following(mode, language, at)
        return record, True
    if record.mode != mode:
        record.set_mode(mode, at)
    return record, False


def unfollow(obj, userid):
    """Stop following ``obj``; returns the record removed, or None."""
    tree = _tree(obj)
    if tree is None or userid not in tree:
        return None
    return tree.pop(userid)


def following(obj, userid):
    """The member's record for ``obj``, or None."""
    tree = _tree(obj)
    return tree.get(userid) if tree is not None else None


def followers(obj):
    """``(userid, record)`` pairs of everyone following ``obj``."""
    tree = _tree(obj)
    return list(tree.items()) if tree is not None else []


def followable_parent(obj):
    """The nearest followable that holds ``obj`` (a group's forum), or
    None: following it is following ``obj`` too."""
    parent = aq_parent(aq_inner(obj))
    while parent is not None:
        if IFollowable.providedBy(parent):
            return parent
        parent = aq_parent(parent)
    return None


def groups_of(obj):
    """The holders of the followables ``obj`` holds (a forum's groups),
    whichever language version of ``obj`` each one was added to."""
    versions = list(translations(aq_inner(obj)).values()) or [obj]
    found = {}
    for version in versions:
        for child in version.objectValues():
            if IFollowable.providedBy(child):
                child = holder(child)
                found.setdefault(child.UID(), child)
    return list(found.values())


def followed_uids(create=False):
    """The site's set of holder UIDs that ever had followers (None on a
    site made before it existed, unless ``create``)."""
    annotations = IAnnotations(api.portal.get())
    uids = annotations.get(FOLLOWED_KEY)
    if uids is None and create:
        uids = annotations[FOLLOWED_KEY] = OOTreeSet()
        for obj in _scan_followables():
            if IAnnotations(obj).get(FOLLOWERS_KEY) is not None:
                uids.insert(obj.UID())
    return uids


def _scan_followables():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        object_provides=IFollowable.__identifier__
    ):
        yield brain._unrestrictedGetObject()


def followed_holders():
    """Every holder that has followers (for the digest and for "stop all
    digests"); unrestricted: the callers check permissions for each
    member. Only holders in the site's ``followed_uids`` are looked at, so
    the cost grows with what is followed, not with the archive."""
    found = []
    for uid in list(followed_uids(create=True)):
        obj = uuidToObject(uid, unrestricted=True)
        if obj is None:
            continue
        tree = IAnnotations(obj).get(FOLLOWERS_KEY)
        if tree is not None and len(tree):
            found.append(obj)
    return found
