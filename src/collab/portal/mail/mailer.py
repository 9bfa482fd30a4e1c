"""An SMTP mailer that sends many messages on one connection.

zope.sendmail's ``SMTPMailer.send`` connects, says EHLO (STARTTLS, AUTH),
sends one message and QUITs: a mailing of 5,000 opened 5,000 connections,
and the queue could at best reach what a connection-per-message loop
reaches (docs/performance.md). ``KeepAliveMailer`` keeps its connection
from one message to the next: before reusing it, it looks whether the
server has hung up or spoken unasked (a 421 before closing), which makes
the socket readable; such a connection is replaced before anything of the
message is sent, so a message is never sent twice for it (looking costs
no round trip; a NOOP before each message cost a fifth of the rate).
After a refusal smtplib has already sent RSET, so the next message starts
clean on the same connection. ``send``'s ``handing`` is called just before
the end of the message's data goes out (``mail.handover`` marks the message
handed over then, so a sender killed while the server answers does not
send it again).

Standard library and zope.sendmail only: the sending process
(``mail.courier``) loads it without Plone.
"""

from smtplib import SMTP
from smtplib import SMTP_SSL
from smtplib import SMTPException
from zope.sendmail.mailer import SMTPMailer
import select


class MarksEndOfData:
    """smtplib's client with a call just before the message's data (and
    the lone dot that ends it) go out: ``SMTP.data`` sends "DATA" as text,
    then, after the server's 354, the data as bytes in one ``send``."""

    before_end_of_data = None
    _in_data = False

    def data(self, msg):
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def send(self, s):
        if self._in_data and isinstance(s, bytes) and self.before_end_of_data:
            self.before_end_of_data()
        super().send(s)


class MarkingSMTP(MarksEndOfData, SMTP):
    pass


class MarkingSMTP_SSL(MarksEndOfData, SMTP_SSL):
    pass


class KeepAliveMailer(SMTPMailer):
    """An ``SMTPMailer`` that sends many messages on one connection.
    Plone's wrapper of ``SMTPMailer.__init__`` gives it the registry's
    server, port, user and password, as it gives the stock one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.smtp = MarkingSMTP_SSL if self.implicit_tls else MarkingSMTP

    def send(self, fromaddr, toaddrs, message, handing=None):
        if self.connection is not None and not self.still_open():
            self.close()
        if self.connection is None:
            self.open()
        self.connection.before_end_of_data = handing
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
