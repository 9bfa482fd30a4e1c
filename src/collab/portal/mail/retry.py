"""Let the MailHost queue retry mail that a failed delivery left behind.

zope.sendmail's queue thread marks a message it is sending with a
``.sending-<name>`` hard link and removes it after success. When the SMTP
server cannot be reached the attempt raises before the link is removed, and
the thread then takes the message for one still being sent by someone
else, for three hours (``zope.sendmail.queue.MAX_SEND_TIME``). Mail written
while the server was down would arrive hours after it is back.

The clock calls ``release_failed_sends`` every minute (``mail.tasks``): a ``.sending-``
link older than ``RETRY_AFTER`` belongs to an attempt that failed (a send
takes seconds; the mailer gives up after a 10 s timeout per step), so it is
removed and the queue thread tries again within seconds. The thread
touches a message just before it links it, so a link to a message being
sent now is always recent and never removed.
"""

from collab.portal import logger
from collab.portal.mail.keepalive import wake_queue_thread
from collab.portal.mail.outcomes import queue_files
from datetime import timedelta
from plone import api
import os


RETRY_AFTER = timedelta(minutes=10)
SENDING = ".sending-"


def release_failed_sends(at):
    """Returns how many messages may be tried again."""
    mailhost = api.portal.get_tool("MailHost")
    if not getattr(mailhost, "smtp_queue", False):
        return 0
    root = mailhost.smtp_queue_directory
    limit = (at - RETRY_AFTER).timestamp()
    released = 0
    for path, name in queue_files(root):
        if not name.startswith(SENDING):
            continue
        link = os.path.join(path, name)
        try:
            if os.stat(link).st_mtime < limit:
                os.unlink(link)
                released += 1
        except FileNotFoundError:
            continue  # sent meanwhile
    if released:
        logger.info("Mail queue: %s failed deliveries will be tried again", released)
        wake_queue_thread(mailhost)
    return released
