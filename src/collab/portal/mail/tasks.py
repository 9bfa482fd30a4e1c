"""Mail's work on each clock tick (``clock.IClockTick``)."""

from collab.portal.mail.outcomes import clean_litter
from collab.portal.mail.queue import repair_queue
from collab.portal.mail.retry import release_failed_sends
from collab.portal.mail.settings import sync_queue_thread
from plone import api


def on_tick(event):
    """In this order: complete or report the queue (a queue that cannot
    work is reported, and a dead queue thread revived), bring the thread
    up to the Mail settings (changed on another instance), let it retry
    mail whose sender died, and remove the queue's old litter."""
    repair_queue()
    sync_queue_thread()
    release_failed_sends(event.at)
    mailhost = api.portal.get_tool("MailHost")
    if getattr(mailhost, "smtp_queue", False):
        clean_litter(mailhost.smtp_queue_directory, event.at.timestamp())
