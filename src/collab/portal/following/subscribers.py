"""Every event handler of following, registered in one block of
``configure.zcml``; its clock work is ``tasks.on_tick``."""

from collab.portal.following.announce import note_comment
from collab.portal.following.handover import hand_over
from Products.DCWorkflow.interfaces import IAfterTransitionEvent
from zope.lifecycleevent.interfaces import IObjectAddedEvent


class CommentListener:
    """``comments.interfaces.ICommentListener``: the comment engine's
    ordered handlers tell following of every comment event. A comment was
    added, or moved by the workflow: note it; one hook at commit decides
    which became public (``announce``)."""

    def __init__(self, comment):
        self.comment = comment

    def comment_event(self, event):
        if IObjectAddedEvent.providedBy(event) or IAfterTransitionEvent.providedBy(
            event
        ):
            note_comment(self.comment, event)


def followable_will_be_removed(obj, event):
    """A forum or group (or a container above it) is being deleted, not
    moved: the logs of a group holder follow its comments to the next
    holder (``handover``)."""
    if event.newParent is None:
        hand_over(obj, event.object)
