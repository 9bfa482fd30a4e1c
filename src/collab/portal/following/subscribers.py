"""Every event handler of following, registered in one block of
``configure.zcml``; its clock work is ``tasks.on_tick``."""

from collab.portal.following.announce import note_comment
from collab.portal.following.handover import hand_over


def comment_added_or_moved(comment, event):
    """A comment was added, or moved by the workflow: note it; one hook at
    commit decides which became public (``announce``)."""
    note_comment(comment, event)


def followable_will_be_removed(obj, event):
    """A forum or group (or a container above it) is being deleted, not
    moved: the logs of a group holder follow its comments to the next
    holder (``handover``)."""
    if event.newParent is None:
        hand_over(obj, event.object)
