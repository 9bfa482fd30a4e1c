"""What following keeps on a group holder when that version is deleted.

Followers, the publication log and owed announcements live in the
annotations of the holder, the version created first
(``comments.conversation.conversation_holder``). When the holder is
deleted while other versions remain, the comment engine hands the
conversation to the next holder (``comments.handover``); here the logs
about those comments follow it: the publication log, which the digests of
the group's forum read, and the announcements still owed. The followers
themselves go with the deleted version (they followed that object), and
its UID leaves the site's lists, so nothing points at a dead object.
"""

from collab.portal.comments.conversation import next_holder
from collab.portal.following.followers import followed_uids
from collab.portal.following.followers import FOLLOWERS_KEY
from collab.portal.following.owed import OWED_KEY
from collab.portal.following.owed import owing_uids
from collab.portal.following.published import PUBLISHED_KEY
from zope.annotation.interfaces import IAnnotations


# Keyed by comment id: they belong with the conversation.
COMMENT_LOGS = (PUBLISHED_KEY, OWED_KEY)


def hand_over(content, leaving):
    """``content`` (an ``IFollowable``) is about to be deleted with
    ``leaving`` (itself or a container above it)."""
    annotations = IAnnotations(content)
    successor = next_holder(content, leaving)
    if successor is not None:
        new = IAnnotations(successor)
        for key in COMMENT_LOGS:
            if key in annotations:
                new[key] = annotations[key]
                del annotations[key]
        if new.get(OWED_KEY):
            owing_uids(create=True).insert(successor.UID())
    uid = content.UID()
    if FOLLOWERS_KEY in annotations:
        uids = followed_uids()
        if uids is not None and uid in uids:
            uids.remove(uid)
    uids = owing_uids()
    if uids is not None and uid in uids:
        uids.remove(uid)
