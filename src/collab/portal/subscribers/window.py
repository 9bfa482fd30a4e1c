"""Keep comments inside the comment window, whatever the clock did."""

from Acquisition import aq_base
from Acquisition import aq_parent
from collab.portal import _
from collab.portal.content.discussion_group import IDiscussionGroup
from collab.portal.content.window import as_utc
from collab.portal.content.window import now
from collab.portal.forum.clock import clock_is_running
from collab.portal.forum.schedule import comment_window_is_open
from contextlib import contextmanager
from contextvars import ContextVar
from zExceptions import Forbidden
from zope.globalrequest import getRequest
from zope.i18n import translate


_recording_history = ContextVar("collab_portal_recording_history", default=False)


@contextmanager
def recording_history():
    """Let code (demo content, imports of past forums) store comments of a
    closed window; no request ever runs inside it."""
    token = _recording_history.set(True)
    try:
        yield
    finally:
        _recording_history.reset(token)


def _group_of(conversation):
    parent = aq_parent(conversation) or getattr(conversation, "__parent__", None)
    return parent


def refuse_comment_outside_window(comment, event):
    """Every channel (page form, REST, scripts) ends in addComment; refusing
    here, before the comment is stored, leaves nothing half-made."""
    if _recording_history.get():
        return
    group = _group_of(event.newParent)
    if group is None or not IDiscussionGroup.providedBy(aq_base(group)):
        return
    if not comment_window_is_open(group):
        raise Forbidden(
            translate(
                _("This discussion group is not open for comments."),
                context=getRequest(),
            )
        )


def align_window_with_manual_transition(group, event):
    """An editor who opens a group early or closes it early moves the
    window edge, so that state and window keep telling the same story."""
    if clock_is_running() or event.transition is None:
        return
    moment = now()
    if event.transition.id == "open" and as_utc(group.opens) > moment:
        group.opens = moment
        group.reindexObject()
    elif event.transition.id == "close" and as_utc(group.closes) > moment:
        group.closes = moment
        group.reindexObject()
