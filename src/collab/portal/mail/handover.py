"""One queued message handed to the SMTP server: exactly once, also when
its sender is killed, the server is away or answers "try later".

zope.sendmail's ``QueueProcessorThread._process_one_file`` claims a file
with a ``.sending-<name>`` hard link, sends it and removes it. It left
three gaps (issue 23):

- a sender killed after the server had the message and before the file
  was removed left the claim; whoever released the stale claim (``retry``
  after 10 minutes, zope.sendmail after 3 hours) sent it again;
- a 4xx answer to RCPT (greylisting, a busy mailbox) counted as a refusal
  for good, a 4xx to MAIL or DATA kept the claim for 10 minutes;
- a server that could not be reached left every message claimed for 10
  minutes, each with a traceback in the log.

``Handover._process_one_file`` takes its place in the courier and in the
queue thread's own passes:

- it claims as zope.sendmail does (touch, then the hard link), so a stock
  thread or another instance's courier still never sends one file twice;
- just before the lone dot that ends the message's data goes out (the
  server stores the message once it has it), it marks ``.handed-<name>``.
  A stale claim with that mark belongs to a sender that died waiting for
  the server's 250: the message is finished (removed), never sent again.
  Without the mark it is sent again. The mark's file is made before the
  message is sent; marking overwrites its one byte, and the dot follows
  straight to the socket, so a sender's death falls between the two only
  in a microsecond (the message is then lost; a death after the dot left
  and before the 250 is what the mark is for). A mark made as a file of
  its own before the whole data went out lost the message of a sender
  killed while making it or writing the data: tens of microseconds in a
  pass of about a millisecond;
- a 4xx answer (to any command) releases the claim at once and notes the
  deferral in ``.deferred-<name>``: first and next try, the answer. The
  message is tried again after a wait doubling from ``first_wait`` up to
  ``longest_wait``; after ``retry_for`` it is refused with the server's
  last answer. A 5xx is refused at once, as before;
- a connection that cannot be made or breaks (nothing answered) releases
  the claim at once and raises ``ServerAway``: the pass stops, and the
  outage is noted once in ``.outage`` at the queue's root (since when,
  why), logged once, shown on the mailing page and Site Setup, and
  cleared by the first message that goes out again.

Standard library and zope.sendmail only: the courier loads it without
Plone.
"""

from collab.portal.mail.outcomes import deferral as deferral_of
from collab.portal.mail.outcomes import DEFERRED
from collab.portal.mail.outcomes import read_json
from collab.portal.mail.outcomes import record_answer
from collab.portal.mail.outcomes import REJECTED
from collab.portal.mail.outcomes import write_json
import logging
import os
import smtplib
import time


log = logging.getLogger("collab.portal.mail.handover")

SENDING = ".sending-"
HANDED = ".handed-"

OUTAGE = ".outage"

# A claim older than this belongs to a sender that died (a send takes
# seconds; each step of the mailer times out after 10 s).
STALE_CLAIM_SECONDS = 10 * 60
# "Try later" answers: waits double from FIRST up to LONGEST; after
# RETRY_FOR the message is refused with the last answer. zope.conf's
# <environment> may set them (docs/deployment.md).
FIRST_WAIT = float(os.environ.get("COLLAB_MAIL_RETRY_FIRST_WAIT", 60))
LONGEST_WAIT = float(os.environ.get("COLLAB_MAIL_RETRY_LONGEST_WAIT", 30 * 60))
RETRY_FOR = float(os.environ.get("COLLAB_MAIL_RETRY_FOR", 24 * 60 * 60))

# Raised before the message's envelope got an answer: the server (or the
# way to it, or our account on it) is the problem, not this message.
# (smtplib's errors are OSErrors too, so they are named first.)
AWAY = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    RuntimeError,  # SMTPMailer: TLS or ESMTP missing but required
)
ANSWERED = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)


def is_away(error):
    """Nothing about this message was answered: the server is away."""
    if isinstance(error, AWAY):
        return True
    return isinstance(error, OSError) and not isinstance(error, ANSWERED)


class ServerAway(Exception):
    """The SMTP server cannot be reached (or refuses our connection)."""


def beside(filename, prefix):
    head, tail = os.path.split(filename)
    return os.path.join(head, prefix + tail)


def unlink_quietly(filename):
    try:
        os.unlink(filename)
    except FileNotFoundError:
        pass


def answer_of(error):
    """``(code, "451 text")`` of an SMTP error; code None when nothing
    answered. Several refused recipients: the worst code."""
    recipients = getattr(error, "recipients", None)
    if isinstance(recipients, dict) and recipients:
        code, text = max(recipients.values(), key=lambda answer: answer[0])
    else:
        code = getattr(error, "smtp_code", None)
        text = getattr(error, "smtp_error", None)
        if code is None:
            return None, f"{type(error).__name__}: {error}"
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, f"{code} {text}".strip()


def finish_handed(filename):
    """A message its sender handed to the server before it died: done."""
    unlink_quietly(filename)
    unlink_quietly(beside(filename, SENDING))
    unlink_quietly(beside(filename, DEFERRED))
    unlink_quietly(beside(filename, HANDED))
    log.warning(
        "Mail %s was handed to the SMTP server by a sender that stopped "
        "before the answer; counted as sent, not sent again",
        os.path.basename(filename),
    )


class HandedMark:
    """``.handed-<name>``: made before the message is sent, holding "0";
    "1" written over it just before the message's end goes out (``mark``),
    removed once the server's answer is dealt with. Making a file takes
    tens of microseconds; overwriting a byte of an open one, one."""

    def __init__(self, filename):
        self.path = beside(filename, HANDED)
        self.fd = os.open(self.path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.write(self.fd, b"0")

    def mark(self):
        os.pwrite(self.fd, b"1", 0)

    def remove(self):
        if self.fd is not None:
            unlink_quietly(self.path)
            os.close(self.fd)
            self.fd = None


def was_handed(filename):
    """Its sender marked the message handed over ("0": it died before the
    end of the data went out)."""
    try:
        with open(beside(filename, HANDED), "rb") as mark:
            return mark.read(1) == b"1"
    except OSError:
        return False


def release_stale_claim(filename, now=None):
    """The claim on ``filename`` when it is older than a send can take:
    ``"handed"`` (finished, see ``finish_handed``), ``"released"`` (it may
    be tried again), or None (no claim, or a live one)."""
    claim = beside(filename, SENDING)
    now = time.time() if now is None else now
    try:
        if os.stat(claim).st_mtime > now - STALE_CLAIM_SECONDS:
            return None
    except FileNotFoundError:
        return None
    if was_handed(filename):
        finish_handed(filename)
        return "handed"
    unlink_quietly(claim)
    return "released"


def refuse(filename, answer):
    """Refused for good: kept as ``.rejected-`` with the server's answer,
    which ``outcomes.queue_outcomes`` reports as failed."""
    record_answer(filename, answer)
    try:
        os.link(filename, beside(filename, REJECTED))
    except FileExistsError:
        pass
    unlink_quietly(filename)
    unlink_quietly(beside(filename, DEFERRED))


def due(filename, now):
    """False while a deferred message waits for its next try."""
    deferral = deferral_of(filename)
    return deferral is None or deferral.get("next", 0) <= now


def outage_path(queue):
    return os.path.join(queue, OUTAGE)


def outage(queue):
    """``{"since": epoch seconds, "error": text}`` while the queue's SMTP
    server cannot be reached, else None."""
    return read_json(outage_path(queue))


class Handover:
    """Mixed into zope.sendmail's ``QueueProcessorThread`` (the courier,
    the queue thread): its ``_process_one_file`` and a pass over names."""

    first_wait = FIRST_WAIT
    longest_wait = LONGEST_WAIT
    retry_for = RETRY_FOR
    reached = False  # the server answered during this pass

    def send_each(self, names):
        """Hand over each file in turn; False when the server is away
        (the pass stops: the next message would wait as long)."""
        self.reached = False
        for filename in names:
            if self._stopped:
                break
            try:
                self._process_one_file(filename)
            except ServerAway as error:
                self.note_outage(str(error))
                return False
        return True

    def _process_one_file(self, filename):
        now = time.time()
        if not due(filename, now) or not self.claim(filename, now):
            return
        claim = beside(filename, SENDING)
        try:
            with open(filename, "rb") as message_file:
                message = message_file.read()
            fromaddr, toaddrs, message = self._parseMessage(message)
        except FileNotFoundError:
            unlink_quietly(claim)
            return  # sent by another meanwhile
        except Exception:
            log.exception("Mail %s cannot be read; refused", filename)
            refuse(filename, "the queued message cannot be read")
            unlink_quietly(claim)
            return
        with self._lock:  # ``stop()`` waits for the message being sent
            handed = HandedMark(filename)
            try:
                self.mailer.send(fromaddr, toaddrs, message, handing=handed.mark)
            except Exception as error:
                handed.remove()  # not taken: the server kept nothing
                if is_away(error):
                    unlink_quietly(claim)
                    raise ServerAway(f"{type(error).__name__}: {error}") from error
                if isinstance(error, ANSWERED):
                    self.refused(filename, error, now)
                else:
                    self.defer(filename, None, "could not be sent (see the log)", now)
                    log.exception("Mail %s could not be sent", filename)
            else:
                unlink_quietly(filename)
                unlink_quietly(beside(filename, DEFERRED))
                handed.remove()
                log.info("Mail from %s to %s sent.", fromaddr, ", ".join(toaddrs))
                self.server_answered()
            finally:
                handed.remove()
                unlink_quietly(claim)

    def claim(self, filename, now):
        """zope.sendmail's claim: touch the file, then the hard link,
        which fails while another sender holds it; a stale claim is
        released first (or, handed over, the message finished)."""
        if release_stale_claim(filename, now) == "handed":
            return False
        if os.path.lexists(beside(filename, SENDING)):
            # Held by another sender, or by a dead one until its claim is
            # stale: touching the message would make that claim (a hard
            # link, sharing its time) young again, so it would never go.
            return False
        try:
            os.utime(filename, None)
            os.link(filename, beside(filename, SENDING))
        except OSError:
            return False  # sent meanwhile, or claimed by another
        return True

    def refused(self, filename, error, now):
        code, answer = answer_of(error)
        self.server_answered()
        if code is not None and 400 <= code < 500:
            self.defer(filename, code, answer, now)
            return
        log.error("Mail %s refused for good: %s", filename, answer)
        refuse(filename, answer)

    def defer(self, filename, code, answer, now):
        """Try later with a longer wait; refused with the last answer once
        ``retry_for`` has passed since the first "try later"."""
        path = beside(filename, DEFERRED)
        deferral = deferral_of(filename) or {"first": now, "tries": 0}
        if now - deferral["first"] >= self.retry_for:
            log.error("Mail %s still deferred, given up: %s", filename, answer)
            refuse(filename, answer)
            return
        wait = min(self.first_wait * 2 ** deferral["tries"], self.longest_wait)
        deferral.update(tries=deferral["tries"] + 1, next=now + wait, answer=answer)
        write_json(path, deferral)
        log.info("Mail %s deferred (%s); next try in %d s", filename, answer, wait)

    def note_outage(self, error):
        """Noted and logged once per outage, not once per message."""
        path = outage_path(self.maildir.path)
        self.reached = False
        if os.path.exists(path):
            return
        write_json(path, {"since": time.time(), "error": error})
        mailer = self.mailer
        log.warning(
            "Mail: the SMTP server %s:%s cannot be reached (%s); the queue "
            "waits and tries again",
            getattr(mailer, "hostname", "?"),
            getattr(mailer, "port", "?"),
            error,
        )

    def server_answered(self):
        if self.reached:
            return
        self.reached = True
        noted = outage(self.maildir.path)
        if noted is not None:
            unlink_quietly(outage_path(self.maildir.path))
            log.warning(
                "Mail: the SMTP server can be reached again (it could not for %d s)",
                time.time() - noted.get("since", time.time()),
            )
