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
the dot that ends the message's data goes out (``mail.handover`` marks the
message handed over then, so a sender killed while the server answers
does not send it again).

Standard library and zope.sendmail only: the sending process
(``mail.courier``) loads it without Plone.
"""

from smtplib import SMTP
from smtplib import SMTP_SSL
from smtplib import SMTPException
from smtplib import SMTPServerDisconnected
from zope.sendmail.mailer import SMTPMailer
import select
import socket


END_OF_DATA = b".\r\n"


class MarksEndOfData:
    """smtplib's client with a call just before the lone dot that ends a
    message's data goes out: the server stores a message once that dot
    arrives, and not before. ``SMTP.data`` sends "DATA" as text, then,
    after the server's 354, the data and the dot as bytes in one ``send``:
    here the data goes first, then the call, then the dot (three bytes,
    straight to the socket), so that a sender killed between the call and
    the dot leaving can only be killed in the microsecond between two
    system calls. (A call before the whole data, making a file of its
    own, lost the message of a sender killed while making it or writing
    the data: issue 23, item 24.)"""

    before_end_of_data = None
    _in_data = False

    def data(self, msg):
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def send(self, s):
        marking = self._in_data and isinstance(s, bytes) and self.before_end_of_data
        if not marking or not s.endswith(END_OF_DATA):
            super().send(s)
            return
        super().send(s[: -len(END_OF_DATA)])
        self.before_end_of_data()
        try:
            self.sock.sendall(END_OF_DATA)  # at once: no more than needed
        except OSError:
            self.close()
            raise SMTPServerDisconnected("Server not connected") from None


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
        # The end of the data is a send of its own (``MarksEndOfData``):
        # Nagle's algorithm would hold it until the server acknowledged
        # the data, which a server delays by up to 40 ms.
        try:
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass  # not TCP
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
