"""Let the MailHost queue retry mail whose sender died while sending it.

A sender (the courier, the queue thread) claims a message with a
``.sending-<name>`` hard link and removes it when done, also when the
server cannot be reached or says "try later" (``mail.handover``). A claim
is only left behind by a sender that died: killed, or the machine lost.
zope.sendmail would take such a message for one still being sent for
three hours (``zope.sendmail.queue.MAX_SEND_TIME``).

The clock calls ``release_failed_sends`` every minute (``mail.tasks``): a
claim older than ``handover.STALE_CLAIM_SECONDS`` (a send takes seconds;
the mailer gives up after a 10 s timeout per step) is released, so the
message is tried again; unless its sender had already handed it to the
server (``.handed-`` marked "1"), which is then finished, never sent
twice. A sender
touches a message just before it links it, so a claim on a message being
sent now is always recent and never released.
"""

from collab.portal import logger
from collab.portal.mail.handover import release_stale_claim
from collab.portal.mail.handover import SENDING
from collab.portal.mail.keepalive import wake_queue_thread
from collab.portal.mail.outcomes import queue_files
from plone import api
import os


def release_failed_sends(at):
    """Returns how many messages may be tried again."""
    mailhost = api.portal.get_tool("MailHost")
    if not getattr(mailhost, "smtp_queue", False):
        return 0
    now = at.timestamp()
    released = 0
    for path, name in queue_files(mailhost.smtp_queue_directory):
        if not name.startswith(SENDING):
            continue
        message = os.path.join(path, name[len(SENDING) :])
        if release_stale_claim(message, now) == "released":
            released += 1
    if released:
        logger.info("Mail queue: %s failed deliveries will be tried again", released)
        wake_queue_thread(mailhost)
    return released
