"""Announce comments when they become public, once, at commit time.

What a comment looks like while its transaction runs is not what others
will see: in a moderated group a comment is created published and recalled
to pending in the same transaction (``comments.moderation``), and a flag or
a moderator may hide or publish one. So the subscribers only *note* the
comments a transaction added or moved through the workflow, and one
before-commit hook per transaction decides, with ``is_public`` (the one
rule for what everyone may read), which of them became public:

- each is logged as published now (``published``), for the digest, and
  marked, so publishing it again after a flag is not news twice;
- replies that were public but hidden under it become public with it;
- members following the group, or its forum, at once are mailed; the
  author is not, nor anyone who may not view the group. A member following
  forum and group gets one mail: the group's own following decides.

Mail is handed to the MailHost inside the transaction, so a transaction
that fails to commit sends nothing. Anything going wrong while announcing
is logged and never costs the author their comment. While mail cannot be
queued (``mail.check_mail``: queue off or broken, no sender) a comment
is still logged as published, and its mail is *owed* (``following.owed``):
the clock sends it once mail works again.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal import logger
from collab.portal.clock import now
from collab.portal.comments.conversation import host_of as discussion_group_of
from collab.portal.comments.storage import stored_comments
from collab.portal.comments.storage import thread_children
from collab.portal.comments.visibility import is_public
from collab.portal.content.translations import in_language
from collab.portal.content.translations import translations
from collab.portal.following.followers import followable_parent
from collab.portal.following.followers import followers
from collab.portal.following.followers import holder
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.mail import comment_mail
from collab.portal.following.mail import queue_mail
from collab.portal.following.mail import readable_version
from collab.portal.following.mail import reader_language
from collab.portal.following.owed import announce_owed
from collab.portal.following.owed import deliver
from collab.portal.following.owed import owe
from collab.portal.following.published import record_publication
from collab.portal.following.published import was_announced
from collab.portal.mail import check_mail
from plone import api
from plone.app.uuid.utils import uuidToObject
from ZODB.POSException import ConflictError
import transaction


class _PendingKey:
    """Key of this package's data on a transaction."""


PENDING = _PendingKey()


def note_comment(comment, event):
    """Subscriber for comments added and comments moved by the workflow."""
    conversation = aq_parent(comment)
    if conversation is None or discussion_group_of(conversation) is None:
        return
    txn = transaction.get()
    try:
        pending = txn.data(PENDING)
    except KeyError:
        pending = {}
        txn.set_data(PENDING, pending)
        txn.addBeforeCommitHook(announce_pending, (pending,))
    pending[(id(aq_base(conversation)), comment.comment_id)] = comment


def announce_pending(pending):
    at = now()
    # Once per transaction: a broken queue is logged when it breaks, not
    # with a traceback per comment.
    problem = check_mail()
    for comment in list(pending.values()):
        try:
            announce(comment, at, can_mail=problem is None)
        except ConflictError:
            raise
        except Exception:
            logger.exception(
                "Following: could not announce comment %s", comment.comment_id
            )


def announce(comment, at, can_mail=True):
    conversation = aq_parent(comment)
    stored = stored_comments(conversation).get(comment.comment_id)
    if stored is not aq_base(comment):
        return  # deleted, or rolled back to a savepoint, before commit
    group = wrapped(discussion_group_of(conversation))
    if group is None:
        return
    group = holder(group)
    for item in [comment, *replies_of(conversation, comment)]:
        if was_announced(item) or not is_public(item):
            continue
        record_publication(group, item, at)
        if can_mail:
            deliver(item, group, mail_immediate_followers)
        else:
            owe(group, item)
            logger.info("Following: comment %s announced later", item.comment_id)


def announce_owed_comments():
    """For the clock: mail the announcements owed while mail could
    not be queued, once it can; returns how many comments were announced."""
    if check_mail() is not None:
        return 0
    return announce_owed(mail_immediate_followers)


def wrapped(group):
    """The group with its acquisition chain (to make URLs and check
    permissions), also when the event carried a bare conversation."""
    if group is None or aq_parent(aq_inner(group)) is not None:
        return group
    return uuidToObject(group.UID(), unrestricted=True)


def replies_of(conversation, comment):
    """Every reply below ``comment``, depth first."""
    children = thread_children(conversation)
    stack = list(children.get(comment.comment_id, ()))
    while stack:
        reply = conversation.get(stack.pop(0))
        if reply is not None:
            yield reply
            stack[:0] = list(children.get(reply.comment_id, ()))


def mail_immediate_followers(comment, group, skip=frozenset()):
    """``group`` is the holder of the comment's group. Yields the userid of
    each member mailed (those in ``skip`` are not)."""
    forum = followable_parent(group)
    forum = holder(forum) if forum is not None else None
    by_group = dict(followers(group))
    by_forum = dict(followers(forum)) if forum is not None else {}
    versions = translations(group)
    for userid in sorted(set(by_group) | set(by_forum)):
        record = by_group.get(userid) or by_forum[userid]
        if (
            record.mode != IMMEDIATE
            or userid == comment.author_username
            or userid in skip
        ):
            continue
        member = api.user.get(userid=userid)
        if member is None:
            continue
        language = reader_language(member, getattr(comment, "language", None))
        version = readable_version(group, member, language, versions)
        if version is None:
            continue
        # The link stops all mail about what made this one come.
        stop = forum if userid in by_forum else group
        subject, body, unsubscribe = comment_mail(
            comment, member, version, language, in_language(stop, language)
        )
        if queue_mail(member, subject, body, unsubscribe):
            yield userid
