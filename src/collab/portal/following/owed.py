"""Announcements that could not be mailed yet, kept until mail works.

A comment that became public while mail could not be queued (queue off or
broken, no sender address: ``mail.queue_problem``) is logged as
published as always (the digest reads that log), and noted here as *owed*
on its group holder: comment id -> the followers already mailed about it.
The clock (``tasks``) mails what is owed once the problem is gone
(``announce_owed``) and forgets each comment in the same transaction that
queues its mail, so it goes out once: a commit does both, an abort
neither. If queueing fails half way through a comment's followers, those
already mailed are kept with it and skipped on the next try.
"""

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal import logger
from collab.portal.comments.visibility import is_public
from collab.portal.following.interfaces import IFollowable
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.uuid.utils import uuidToObject
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations


OWED_KEY = "collab.portal.following.owed"
# On the site: UIDs of the group holders that owe announcements, so the
# clock looks at those only (almost always none).
OWING_KEY = "collab.portal.following.owing"


def owing_uids(create=False):
    annotations = IAnnotations(api.portal.get())
    uids = annotations.get(OWING_KEY)
    if uids is None and create:
        uids = annotations[OWING_KEY] = OOTreeSet()
        # A site of an earlier release: find what it owes once.
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(
            object_provides=IFollowable.__identifier__
        ):
            if IAnnotations(brain._unrestrictedGetObject()).get(OWED_KEY):
                uids.insert(brain.UID)
    return uids


def owed(group_holder):
    """The holder's owed comments, ``{comment id: (userids mailed)}``."""
    return IAnnotations(group_holder).get(OWED_KEY) or {}


def owe(group_holder, comment, mailed=()):
    annotations = IAnnotations(group_holder)
    log = annotations.get(OWED_KEY)
    if log is None:
        log = annotations[OWED_KEY] = LOBTree()
    log[comment.comment_id] = tuple(sorted(mailed))
    owing_uids(create=True).insert(group_holder.UID())


def settle(group_holder, comment):
    log = IAnnotations(group_holder).get(OWED_KEY)
    if log is not None and comment.comment_id in log:
        del log[comment.comment_id]


def deliver(comment, group_holder, mail_followers, mailed=()):
    """Mail ``comment`` with ``mail_followers`` (yields each userid it
    mailed) to everyone not in ``mailed``; owed with those mailed so far
    if it fails."""
    done = set(mailed)
    try:
        for userid in mail_followers(comment, group_holder, skip=frozenset(done)):
            done.add(userid)
    except ConflictError:
        raise
    except Exception:
        owe(group_holder, comment, done)
        raise
    settle(group_holder, comment)


def announce_owed(mail_followers):
    """Mail every owed announcement whose comment is public; forget those
    of deleted comments. Call only when mail can be queued. Returns how
    many comments were announced."""
    announced = 0
    uids = owing_uids(create=True)
    for uid in list(uids):
        group = uuidToObject(uid, unrestricted=True)
        log = IAnnotations(group).get(OWED_KEY) if group is not None else None
        if not log:
            uids.remove(uid)
            continue
        conversation = IConversation(group)
        for comment_id, mailed in list(log.items()):
            comment = conversation.get(comment_id)
            if comment is None:
                del log[comment_id]
                logger.info("Following: comment %s was deleted unannounced", comment_id)
            elif is_public(comment):
                try:
                    deliver(comment, group, mail_followers, mailed)
                except ConflictError:
                    raise
                except Exception:
                    logger.exception("Following: could not announce %s", comment_id)
                    continue
                announced += 1
    if announced:
        logger.info("Following: %s comments announced late", announced)
    return announced
