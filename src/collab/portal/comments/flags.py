"""Members flag abusive comments; enough flags hide a comment until a
moderator publishes or rejects it.

Flags live on the comment itself (who flagged), so flagging one comment
never conflicts with flagging another. A moderator's decision (publish,
reject, spam) settles the flags made before it: only flags made after the
last decision count toward hiding the comment again, so one new flag does
not undo it. The comment keeps the history (who flagged when, and who
decided what when) for the moderators.
"""

from Acquisition import aq_base
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal import _
from collab.portal.clock import now
from collab.portal.comments.authors import author_key
from collab.portal.errors import Conflict
from collab.portal.errors import shown
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate


FLAGS = "_collab_portal_flags"
HISTORY = "_collab_portal_flag_history"
# Transitions by which a moderator decides on a comment.
DECISIONS = ("publish", "reject", "mark_as_spam")


class AlreadyFlagged(Exception):
    """This member flagged this comment before."""


class OwnComment(Exception):
    """Members do not flag their own comments."""


def flaggers(comment):
    return getattr(aq_base(comment), FLAGS, None) or ()


def _microseconds(at):
    return int(at.timestamp() * 1e6)


def _history(comment, create=False):
    base = aq_base(comment)
    history = getattr(base, HISTORY, None)
    if history is None and create:
        history = LOBTree()
        setattr(base, HISTORY, history)
    return history


def _note(comment, entry):
    """Add ``entry`` to the history, keyed by time (a BTree: members
    flagging at once add different keys and do not conflict)."""
    history = _history(comment, create=True)
    key = _microseconds(now())
    while key in history:
        key += 1
    history[key] = entry
    return key


def flag_history(comment):
    """``[{"kind": "flag"|"decision", "userid", "date", "transition"?}]``,
    oldest first. Flags made before the history was kept have no date."""
    history = _history(comment)
    if history is None:
        return [
            {"kind": "flag", "userid": userid, "date": None}
            for userid in flaggers(comment)
        ]
    entries = [
        {**entry, "date": datetime.fromtimestamp(key / 1e6, UTC)}
        for key, entry in history.items()
    ]
    noted = {e["userid"] for e in entries if e["kind"] == "flag"}
    older = [
        {"kind": "flag", "userid": userid, "date": None}
        for userid in flaggers(comment)
        if userid not in noted
    ]
    return older + entries


def counting_flags(comment):
    """Flags made since the moderators' last decision on the comment."""
    history = _history(comment)
    if history is None:
        return len(flaggers(comment))
    decided = [key for key, entry in history.items() if entry["kind"] == "decision"]
    if not decided:
        return len(flaggers(comment))
    return sum(
        1 for entry in history.values(min=max(decided)) if entry["kind"] == "flag"
    )


def flag(comment, userid):
    """Record the flag; hide the comment once the flags since the last
    decision reach the threshold. Returns (those flags, whether the comment
    is now hidden)."""
    if userid == author_key(comment):
        raise OwnComment()
    base = aq_base(comment)
    flagged = getattr(base, FLAGS, None)
    if flagged is None:
        flagged = OOTreeSet()
        setattr(base, FLAGS, flagged)
    if userid in flagged:
        raise AlreadyFlagged()
    flagged.add(userid)
    _note(comment, {"kind": "flag", "userid": userid})
    count = counting_flags(comment)
    threshold = api.portal.get_registry_record("collab.portal.flags_to_hide", default=3)
    hidden = False
    if count >= threshold and api.content.get_state(comment) == "published":
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(comment, transition="recall")
        hidden = True
    return count, hidden


def note_decision(comment, event):
    """A moderator's decision on a flagged comment joins its history."""
    transition = getattr(event.transition, "id", None)
    if transition not in DECISIONS or not flaggers(comment):
        return
    userid = api.user.get_current().getId()
    _note(comment, {"kind": "decision", "userid": userid, "transition": transition})


def flag_history_json(comment):
    """The history as REST gives it to moderators."""
    return {
        "counting": counting_flags(comment),
        "items": [
            {**entry, "date": entry["date"].isoformat() if entry["date"] else None}
            for entry in flag_history(comment)
        ],
    }


def flag_comment(context, request, comment_id):
    """Flag comment ``comment_id`` of ``context``'s conversation for the
    current user: what the page form and ``POST @flag-comment`` both do.
    Returns ``(flags, hidden)``; raises zExceptions whose translated
    message the page shows too."""
    conversation = IConversation(context)
    try:
        comment = conversation[int(comment_id)]
    except (KeyError, ValueError, TypeError):
        comment = None
    if comment is None or not api.user.has_permission("View", obj=comment):
        raise shown(
            NotFound(translate(_("There is no such comment."), context=request))
        )
    try:
        return flag(comment, api.user.get_current().getId())
    except OwnComment:
        raise shown(
            Forbidden(
                translate(_("You cannot flag your own comment."), context=request)
            )
        ) from None
    except AlreadyFlagged:
        raise shown(
            Conflict(
                translate(_("You have already flagged this comment."), context=request)
            )
        ) from None
