"""The limits every new or changed comment on engine-managed content
meets, on every channel (page form, REST, scripts): the content's policy
must take comments now (``ICommentPolicy.is_open``), a comment has a
maximum length, a member a maximum rate, and authors change or delete
their own comment only for a few minutes while comments are taken."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal import _
from collab.portal.clock import as_utc
from collab.portal.clock import now
from collab.portal.comments.authors import acting_author
from collab.portal.comments.authors import author_key
from collab.portal.comments.authors import is_guest
from collab.portal.comments.conversation import host_of
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.policy import message
from collab.portal.comments.stats import comment_stats
from collab.portal.errors import shown
from collab.portal.errors import TooManyRequests
from collab.portal.switches import switched_on
from contextvars import ContextVar
from DateTime import DateTime
from plone import api
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.globalrequest import getRequest
from zope.i18n import translate
import time


_recording_history = ContextVar("collab_portal_recording_history", default=False)


def recording_history():
    """Let code (demo content, imports of past discussions) store comments
    where the policy takes none now; no request ever runs inside it."""
    return switched_on(_recording_history)


def refuse_new_comment(comment, event):
    """Every channel (page form, REST, scripts) ends in addComment; refusing
    here, before the comment is stored, leaves nothing half-made."""
    if _recording_history.get():
        return
    policy = policy_of(event.newParent)
    if policy is None:
        return
    request = getRequest()
    if not policy.is_open():
        raise shown(Forbidden(translate(message(policy, "closed"), context=request)))
    refuse_oversized(comment, request)
    refuse_too_frequent(comment, request, policy, event.newParent)


def refuse_oversized(comment, request):
    limit = api.portal.get_registry_record(
        "collab.portal.comment_max_length", default=10000
    )
    if len(comment.text or "") > limit:
        raise shown(
            BadRequest(
                translate(
                    _(
                        "comment_too_long",
                        default="A comment may have at most ${limit} characters.",
                        mapping={"limit": limit},
                    ),
                    context=request,
                )
            )
        )


def refuse_too_frequent(comment, request, policy, conversation):
    """Per author key (``authors.author_key``): a member's comments
    anywhere, counted from the catalog, which every instance shares (no
    object is written to keep score, so posting never conflicts on a
    counter); a guest's in this conversation, from its counters."""
    author = author_key(comment)
    if not author:
        return
    limit = api.portal.get_registry_record(
        "collab.portal.comments_per_minute", default=5
    )
    if is_guest(author):
        recent = recent_guest_comments(conversation, author)
    else:
        recent = recent_member_comments(author)
    if recent >= limit:
        raise TooManyRequests(
            translate(message(policy, "too_frequent", limit=limit), context=request)
        )


def recent_guest_comments(conversation, author):
    """Comment ids are their creation time in microseconds, by the
    machine's clock (plone.app.discussion's), not ``clock.now()``: a
    clock moved by a test must not empty or fill the last minute."""
    since = int((time.time() - 60) * 1e6)
    own = comment_stats(conversation).own(author)
    return len(own.keys(min=since))


def recent_member_comments(author):
    since = DateTime() - 60 / 86400.0
    # The created index keeps minutes only: ask for two, keep the last 60 s.
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Discussion Item",
        Creator=author,
        created={"query": since - 60 / 86400.0, "range": "min"},
    )
    return len([brain for brain in brains if brain.created >= since])


def limit_own_edits(comment, event):
    """Authors edit their comment only while comments are taken and within
    the configured minutes; moderators ("Review comments") always may."""
    content = host_of(aq_parent(comment))
    if content is None:
        return
    request = getRequest()
    refuse_oversized(comment, request)
    if api.user.has_permission("Review comments", obj=comment):
        return
    refuse_late_own_change(comment, content, "edit_too_late")


def own_change_minutes():
    return api.portal.get_registry_record(
        "collab.portal.comment_edit_minutes", default=30
    )


def refuse_late_own_change(comment, content, key):
    """A translated 403 with the policy's message ``key`` once the author's
    time to change their comment is over (edits and deletions alike)."""
    minutes = own_change_minutes()
    if own_change_too_late(comment, content, minutes):
        text = message(ICommentPolicy(content), key, minutes=minutes)
        raise shown(Forbidden(translate(text, context=getRequest())))


def own_change_too_late(comment, content, minutes):
    """Past the minutes an author has to change their comment, or the
    content no longer takes comments."""
    posted = as_utc(comment.creation_date)
    too_late = (now() - posted).total_seconds() > minutes * 60
    return too_late or not ICommentPolicy(content).is_open()


def limit_own_deletions(comment, event):
    """The record of a discussion is final as its edits are: authors delete
    their own comment only while they could still edit it; moderators
    ("Review comments") always may. Deleting the content itself removes its
    comments too, and is the editor's decision, not an own deletion."""
    content = host_of(event.oldParent)
    if content is None or _is_being_removed(content):
        return
    if acting_author(content) != author_key(comment):
        return  # someone else's comment: "Delete comments" decided
    if api.user.has_permission("Review comments", obj=comment):
        return
    refuse_late_own_change(comment, content, "delete_too_late")


def _is_being_removed(content):
    """plone.app.discussion deletes a removed content's comments after the
    content left its folder."""
    container = aq_parent(aq_inner(content))
    if container is None:
        return True
    present = aq_base(container)._getOb(content.getId(), None)
    return aq_base(present) is not aq_base(content)
