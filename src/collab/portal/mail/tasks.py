"""Mail's work on each clock tick (``clock.IClockTick``)."""

from collab.portal.mail.queue import check_mail
from collab.portal.mail.retry import release_failed_sends
from collab.portal.mail.settings import sync_queue_thread


def on_tick(event):
    """In this order: complete or report the queue (a queue that cannot
    work is reported, and a dead queue thread revived), bring the thread
    up to the Mail settings (changed on another instance), then let it
    retry mail a failed delivery left behind."""
    check_mail()
    sync_queue_thread()
    release_failed_sends(event.at)
