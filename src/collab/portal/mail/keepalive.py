"""The site's queue thread, sending a whole pass over the queue on one
SMTP connection.

zope.sendmail's ``SMTPMailer.send`` connects, says EHLO (STARTTLS, AUTH),
sends one message and QUITs: a mailing of 5,000 opened 5,000 connections,
and the queue could at best reach what a connection-per-message loop
reaches (docs/performance.md). ``KeepAliveMailer`` keeps its connection
from one message to the next: before reusing it, it looks whether the
server has hung up or spoken unasked (a 421 before closing), which makes
the socket readable; such a connection is replaced before anything of the
message is sent, so a message is never sent twice for it (looking costs
no round trip; a NOOP before each message cost a fifth of the rate); after a refusal smtplib has already sent RSET, so the next message
starts clean on the same connection. ``KeepAliveQueueThread`` is
zope.sendmail's queue thread (same claiming of files, same lock, same
logging that ``outcomes.AnswerRecorder`` reads) that hangs up when a pass
finds the queue empty, so no connection is held while there is nothing
to send.

Installed without patching: Products.MailHost starts a thread only for a
queue directory that has none in ``queue_threads``, so ``start_queue_thread``
registers ours there first (the outbox, ``send.queue_message``, the Mail
settings' restart and the clock's revive and sync all start it; the clock
replaces within a minute a stock thread that the ZMI's restart button or
``MailHost.send`` of Plone's own mail may have started).
"""

from collab.portal import logger
from Products.MailHost.MailHost import queue_threads
from smtplib import SMTPException
from zope.sendmail.mailer import SMTPMailer
from zope.sendmail.queue import QueueProcessorThread
import atexit
import os
import select
import time


class KeepAliveMailer(SMTPMailer):
    """An ``SMTPMailer`` that sends many messages on one connection.
    Plone's wrapper of ``SMTPMailer.__init__`` gives it the registry's
    server, port, user and password, as it gives the stock one."""

    def send(self, fromaddr, toaddrs, message):
        if self.connection is not None and not self.still_open():
            self.close()
        if self.connection is None:
            self.open()
        try:
            self.connection.sendmail(fromaddr, toaddrs, message)
        except SMTPException as error:
            if self.connection is not None and self.connection.sock is None:
                self.connection = None  # smtplib hung up (a 421)
            if not hasattr(error, "smtp_code") and not hasattr(error, "recipients"):
                self.close()  # no answer from the server: do not reuse it
            raise
        except Exception:
            self.close()
            raise

    def still_open(self):
        """True unless the server has hung up or said something unasked:
        between messages an SMTP server speaks only to close (a 421, or its
        idle timeout), so a readable socket means the connection is over
        (the check urllib3 makes before reusing a connection). A server
        closing at the very moment a message starts makes that message
        fail as a temporary error, which zope.sendmail keeps in the queue
        for the next pass."""
        sock = self.connection.sock
        if sock is None:
            return False
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return not poller.poll(0)

    def open(self):
        """Connect, EHLO, STARTTLS and log in, as ``SMTPMailer.send`` does
        before every message."""
        self.vote(None, None, None)
        connection = self.connection
        if not self.implicit_tls:
            have_tls = connection.has_extn("starttls")
            if not have_tls and self.force_tls:
                self.close()
                raise RuntimeError("TLS is not available but TLS is required")
            if have_tls and not self.no_tls:
                connection.starttls()
                connection.ehlo()
        if connection.does_esmtp:
            if self.username is not None and self.password is not None:
                connection.login(self.username, self.password)
        elif self.username:
            self.close()
            raise RuntimeError(
                "Mailhost does not support ESMTP but a username is configured"
            )

    def close(self):
        """QUIT, or just drop a connection that does not answer."""
        connection, self.connection = self.connection, None
        if connection is None:
            return
        try:
            connection.quit()
        except (SMTPException, OSError):
            connection.close()

    def abort(self):
        self.close()


class KeepAliveQueueThread(QueueProcessorThread):
    """zope.sendmail's queue thread that hangs up its mailer after each
    pass over the queue (when the queue is empty, or it was stopped)."""

    def run(self, forever=True):
        atexit.register(self.stop)
        while not self._stopped:
            for filename in self.maildir:
                if self._stopped:
                    break
                self._process_one_file(filename)
            self.hang_up()
            if self._stopped or not forever:
                break
            time.sleep(self.interval)

    def hang_up(self):
        close = getattr(self.mailer, "close", None)
        if close is None:
            return
        try:
            close()
        except Exception:
            logger.exception("Mail: could not close the SMTP connection")


def make_mailer(mailhost):
    """The MailHost's ``_makeMailer``, keeping its connection."""
    return KeepAliveMailer(
        hostname=mailhost.smtp_host,
        port=int(mailhost.smtp_port),
        username=mailhost.smtp_uid or None,
        password=mailhost.smtp_pwd or None,
        force_tls=mailhost.force_tls,
        implicit_tls=mailhost.implicit_tls,
    )


def is_keepalive(thread):
    return isinstance(thread, KeepAliveQueueThread)


def start_queue_thread(mailhost):
    """Make sure the MailHost's queue is sent by a running keep-alive
    thread (a stock thread found in its place is stopped first); the
    thread, or None when the queue is off or ``MAILHOST_QUEUE_ONLY``."""
    if not getattr(mailhost, "smtp_queue", False):
        return None
    if os.environ.get("MAILHOST_QUEUE_ONLY"):
        return None
    key = mailhost._getThreadKey()
    thread = queue_threads.get(key)
    if is_keepalive(thread) and thread.is_alive():
        return thread
    interval = getattr(thread, "interval", None)
    if thread is not None:
        mailhost._stopQueueProcessorThread()
    with mailhost.lock:  # the lock of Products.MailHost's start and stop
        if key not in queue_threads:
            thread = KeepAliveQueueThread()
            if interval:
                thread.interval = interval  # a restart keeps the pace
            thread.setMailer(make_mailer(mailhost))
            thread.setQueuePath(mailhost.smtp_queue_directory)
            thread.start()
            queue_threads[key] = thread
            logger.info("Mail: keep-alive queue thread for %s started", key)
        return queue_threads[key]


def stop_queue_thread(mailhost):
    mailhost._stopQueueProcessorThread()
