"""Following's work on each clock tick (``clock.IClockTick``)."""

from collab.portal.following.announce import announce_owed_comments
from collab.portal.following.digest import send_due_digests


def on_tick(event):
    """The daily digests that are due, then the announcements owed while
    mail could not be queued (each checks first that mail works)."""
    send_due_digests(event.at)
    announce_owed_comments()
