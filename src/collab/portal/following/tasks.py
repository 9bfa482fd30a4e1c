"""Following's work on each clock tick (``subscribers.clock_ticked``)."""

from collab.portal.following.announce import announce_owed_comments
from collab.portal.following.digest import send_due_digests


def run_tasks(at):
    """The daily digests that are due, then the announcements owed while
    mail could not be queued (each checks first that mail works)."""
    send_due_digests(at)
    announce_owed_comments()
