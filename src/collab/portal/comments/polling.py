"""The ETag of a content's comments for one reader (``GET @comments``
answers 304 when it is unchanged; ``conditional``).

What one reader's list shows changes when a comment is added, edited,
moved through its workflow or removed (``CommentStats.version``), when the
reader is someone else or reads another language or page of it, when the
content starts or stops taking comments, and as time passes: an author's
own comment stops being editable after some minutes, so the minute is part
of the tag (a poll every few seconds still gets 304 most of the time). A
policy names what else its comments depend on (``etag_parts``).
"""

from AccessControl import getSecurityManager
from collab.portal.clock import now
from collab.portal.comments.authors import acting_author
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.stats import comment_stats
from collab.portal.conditional import etag_of
from plone import api
from plone.app.discussion.interfaces import IConversation


def comments_etag(context, request):
    conversation = IConversation(context)
    stats = comment_stats(conversation, create=False)
    policy = ICommentPolicy(context, None)
    extra = getattr(policy, "etag_parts", None)  # None: not a host
    check = getSecurityManager().checkPermission
    return etag_of(
        "comments",
        stats.version() if stats is not None else 0,
        len(stats.public) if stats is not None else 0,
        acting_author(context) or "",
        bool(check("Review comments", context)),
        bool(check("Reply to item", context)),
        policy.is_open() if policy is not None else "",
        api.portal.get_current_language(),
        request.getHeader("Accept-Language") or "",
        request.get("QUERY_STRING", ""),
        now().strftime("%Y-%m-%dT%H:%M"),
        *(extra() if extra is not None else ()),
    )
