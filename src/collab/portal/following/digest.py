"""The daily digest, sent by the clock (``tasks``).

Each run looks for members whose digest is due (the oldest of their
digest followings was last reported 24 hours ago or more) and sends each
one mail: the comments that became public since, in everything they follow
in digest mode, grouped by discussion group. The run then notes the time on
those followings, also when there was no news (then no mail goes out), so
a member's digest keeps its time of day and an idle member costs one look
a day.

Idempotent: a second run at the same moment finds nobody due. Comments are
found by range in each group's publication log (``published``), never by
walking conversations. The log's last ``SETTLE`` minutes are left for the
next digest: a comment's publication is logged just before its transaction
commits, and a transaction still committing must not slip between two
digests.
"""

from collab.portal import logger
from collab.portal.clock import now
from collab.portal.comments.visibility import is_public
from collab.portal.following.followers import DIGEST
from collab.portal.following.followers import followed_holders
from collab.portal.following.followers import followers
from collab.portal.following.followers import groups_of
from collab.portal.following.mail import digest_mail
from collab.portal.following.mail import queue_mail
from collab.portal.following.mail import readable_version
from collab.portal.following.mail import reader_language
from collab.portal.following.published import published_between
from collab.portal.mail import check_mail
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from ZODB.POSException import ConflictError


DIGEST_EVERY = timedelta(hours=24)
SETTLE = timedelta(minutes=5)


def send_due_digests(at=None):
    """Send every digest that is due; returns how many mails were queued."""
    at = at or now()
    if check_mail() is not None:
        return 0  # digests wait, their times unchanged, until mail works
    digest_followings = {}
    own_mode = {}
    for obj in followed_holders():
        for userid, record in followers(obj):
            own_mode[userid, obj.UID()] = record.mode
            if record.mode == DIGEST:
                digest_followings.setdefault(userid, []).append((obj, record))
    sent = 0
    for userid, records in sorted(digest_followings.items()):
        since = min(record.last_digest for _obj, record in records)
        if at - since < DIGEST_EVERY:
            continue
        try:
            sent += send_digest(userid, records, own_mode, since, at)
        except ConflictError:
            raise
        except Exception:
            logger.exception("Following: could not send the digest of %s", userid)
            continue
        for _obj, record in records:
            record.last_digest = at
            record.covered_until = max(record.covered_until, at - SETTLE)
    return sent


def send_digest(userid, records, own_mode, since, at):
    member = api.user.get(userid=userid)
    if member is None:
        return 0
    language = reader_language(member, *(record.language for _obj, record in records))
    news = {}
    for obj, record in records:
        # What ``obj`` holds comments in: itself and the followables it
        # holds (a forum's groups); a forum's own log is empty.
        for group in [obj, *groups_of(obj)]:
            # A following of the group itself decides over the forum's.
            if own_mode.get((userid, group.UID()), DIGEST) != DIGEST:
                continue
            ids = published_between(group, record.covered_until, at - SETTLE)
            if ids:
                news.setdefault(group.UID(), (group, set()))[1].update(ids)
    sections = []
    for group, ids in news.values():
        version = readable_version(group, member, language)
        if version is None:
            continue
        conversation = IConversation(group)
        comments = [conversation.get(comment_id) for comment_id in sorted(ids)]
        comments = [
            comment
            for comment in comments
            if comment is not None
            and comment.author_username != userid
            and is_public(comment)
        ]
        if comments:
            sections.append((version, comments))
    if not sections:
        return 0
    sections.sort(key=lambda section: section[1][0].comment_id)
    subject, body, unsubscribe = digest_mail(member, sections, since, language)
    return 1 if queue_mail(member, subject, body, unsubscribe) else 0
