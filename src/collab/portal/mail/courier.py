"""The process that carries the MailHost queue to the SMTP server.

Why a process of its own: in the instance, the queue thread shares the
interpreter lock with the thread writing a mailing's messages (and with
the pages). Each SMTP answer it waits for must win the lock back from a
busy thread, so while a mailing was being written its messages left at
130 a second instead of 700, and the site's pages waited for the queue
the same way (docs/performance.md). Here it has a core of its own.

The site's queue thread (``mail.keepalive``) runs
``python -m collab.portal.mail.courier`` when its queue holds mail, the
settings as JSON on stdin (the password stays out of the process list).
The courier is zope.sendmail's own queue processor, run in this process's
main thread: the same claiming of each file (a link in ``tmp/``, so that
another instance's courier or a stock thread may share the queue and no
message goes twice), the same log lines, the refusals' answers kept
where they are answered (``handover``, ``outcomes.record_answer``) as in
the instance. It sends on one kept connection
(``mailer.KeepAliveMailer``), takes what arrives meanwhile, hangs up
when the queue is empty and ends after ``linger`` seconds with nothing
to send; a pass that sends nothing (the server down or refusing
for now) ends it at once, and the thread tries again after its interval.
Its log goes to stderr, which the thread writes into the instance's log.
SIGTERM stops it after the message it is sending.

Standard library and zope.sendmail only, like ``mailer`` and ``outcomes``:
this module must start in a fraction of a second.
"""

from collab.portal.mail import handover
from collab.portal.mail.handover import Handover
from collab.portal.mail.mailer import KeepAliveMailer
from zope.sendmail.queue import QueueProcessorThread
import json
import logging
import signal
import sys
import time


MAILER_SETTINGS = (
    "hostname",
    "port",
    "username",
    "password",
    "no_tls",
    "force_tls",
    "implicit_tls",
)
LINGER_SECONDS = 2.0
POLL_SECONDS = 0.05
LOG_FORMAT = "%(levelno)d %(name)s: %(message)s"


RETRY_SETTINGS = ("first_wait", "longest_wait", "retry_for")


def settings_of(mailer, queue, linger=LINGER_SECONDS):
    """What the courier needs, from the thread's mailer and queue."""
    settings = {name: getattr(mailer, name, None) for name in MAILER_SETTINGS}
    settings.update(queue=queue, linger=linger)
    settings.update(
        first_wait=handover.FIRST_WAIT,
        longest_wait=handover.LONGEST_WAIT,
        retry_for=handover.RETRY_FOR,
    )
    return settings


class Courier(Handover, QueueProcessorThread):
    """zope.sendmail's queue processor, run in the calling thread; each
    message handed over as ``mail.handover`` does (exactly once across a
    kill, "try later" answers retried, one log line per outage)."""

    def __init__(self, settings):
        super().__init__()
        mailer = {name: settings.get(name) for name in MAILER_SETTINGS}
        self.setMailer(KeepAliveMailer(**mailer))
        self.setQueuePath(settings["queue"])
        self.linger = float(settings.get("linger", LINGER_SECONDS))
        for name in RETRY_SETTINGS:
            if settings.get(name) is not None:
                setattr(self, name, float(settings[name]))

    def halt(self):
        """Stop after the message being sent (safe in a signal handler)."""
        self._stopped = True

    def deliver(self):
        """Send until the queue has been empty for ``linger`` seconds, a
        pass sent nothing, or it was stopped."""
        idle_since = None
        try:
            while not self._stopped:
                try:
                    names = list(self.maildir)
                except OSError as error:
                    # mail.queue reports a broken queue once, in the site.
                    logging.getLogger(__name__).warning("Queue unreadable: %s", error)
                    break
                if names:
                    idle_since = None
                    if not self.send_each(names):
                        break  # the server is away: the thread tries later
                    if set(names) <= set(self.maildir):
                        break  # nothing left the queue (deferred): later
                    continue
                self.mailer.close()  # no connection held while idle
                now = time.monotonic()
                if idle_since is None:
                    idle_since = now
                elif now - idle_since >= self.linger:
                    break
                time.sleep(POLL_SECONDS)
        finally:
            self.mailer.close()


def main():
    settings = json.load(sys.stdin)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format=LOG_FORMAT)
    courier = Courier(settings)
    # Only the flag: ``stop()`` takes the lock the interrupted send holds.
    signal.signal(signal.SIGTERM, lambda signum, frame: courier.halt())
    courier.deliver()


if __name__ == "__main__":
    main()
