"""Queueing many messages at once: what ``queue_message`` looks up per
message (the MailHost, the site's sender, the queue, its thread) looked up
once for a batch.

A mailing writes thousands of messages; through ``MailHost.send`` each one
paid for a deep copy of the message, a second serialisation's worth of
header munging and a ``realpath`` of the queue directory (to find its
thread) on every call: together half of the time writing it (bench
``mailing-delivery``, ``bench/profile_delivery.py``). ``Outbox`` adds the
headers the MailHost would add (Subject, To, From, Date; Products.MailHost
``_mungeHeaders`` with ``charset="utf-8"``), serialises the message once
and hands the bytes to zope.sendmail's ``QueuedMailDelivery`` on the
MailHost's own queue directory: the file is written into ``tmp/`` now and
moved into the queue when the transaction commits, exactly as through
``MailHost.send(..., immediate=False)``; an aborted transaction queues
nothing. The queue thread is started by ``keepalive.start_queue_thread``
(once per batch).
"""

from collab.portal import logger
from collab.portal.mail.keepalive import start_queue_thread
from collab.portal.mail.queue import ensure_maildir
from collab.portal.mail.send import ascii_address
from collab.portal.mail.send import build_message
from collab.portal.mail.send import header_text
from collab.portal.mail.send import sender
from collab.portal.mail.send import UnsendableMessage
from collab.portal.mail.send import warn_once
from DateTime import DateTime
from email.header import Header
from email.utils import formataddr
from email.utils import getaddresses
from email.utils import parseaddr
from plone import api
from zope.sendmail.delivery import MailDataManager
from zope.sendmail.delivery import QueuedMailDelivery
from zope.sendmail.maildir import Maildir
import email.errors
import transaction


class Outbox:
    """Queues plain-text messages from the site's sender into the MailHost
    queue; each leaves when the transaction commits. Made per batch (it
    holds the settings of the moment, not a persistent object)."""

    def __init__(self, mailhost=None):
        mailhost = mailhost if mailhost is not None else api.portal.get_tool("MailHost")
        self.queue = getattr(mailhost, "smtp_queue_directory", "") or ""
        self.senders = {}  # language -> (From, its header), looked up once
        self.mfrom = self.sender(None)[0]
        self.delivery = None
        self.thread = None
        if not getattr(mailhost, "smtp_queue", False):
            warn_once("Mail: the MailHost queue is off, so no mail is sent.")
            return
        # Completed where it is written, as zope.sendmail makes a missing
        # one (``queue``); what MailHost.send does before every message,
        # once for the batch.
        ensure_maildir(self.queue)
        self.thread = start_queue_thread(mailhost)
        self.hooked = None  # the transaction whose commit wakes the thread
        self.delivery = BatchDelivery(self.queue)

    def sender(self, language):
        """``(From, its header)`` of a message in ``language``: the
        secretariat's name in it (``send.sender``)."""
        found = self.senders.get(language)
        if found is None:
            mfrom = sender(language)
            header = None
            if mfrom:
                # As Products.MailHost's ``_encode_address_string`` makes it.
                header = Header()
                header.append(formataddr(parseaddr(mfrom)), errors="replace")
            found = self.senders[language] = (mfrom, header)
        return found

    def queue_message(
        self,
        recipient,
        subject,
        body,
        headers=None,
        unsubscribe=None,
        attachments=(),
        alternatives=(),
        language=None,
    ):
        """``mail.queue_message`` through this outbox: same arguments,
        same message, same answer (False when nothing was queued), except
        that a message that cannot be built raises ``UnsendableMessage``
        (a batch records it as its recipient's reason)."""
        if self.delivery is None:
            return False
        mfrom, from_header = self.sender(language)
        if not recipient or not mfrom:
            logger.warning(
                "Mail: not sent (recipient %r, site sender %r)", recipient, mfrom
            )
            return False
        data, mto = self.build(
            recipient,
            subject,
            body,
            headers,
            unsubscribe,
            attachments,
            alternatives,
            from_header,
        )
        self.delivery.send(mfrom, mto, data)
        self.wake_at_commit()
        return True

    def build(
        self,
        recipient,
        subject,
        body,
        headers,
        unsubscribe,
        attachments,
        alternatives=(),
        from_header=None,
    ):
        """(bytes of the message, envelope recipients). Raises
        ``UnsendableMessage`` for a message that cannot be built, so a
        batch records this one as failed and writes the others."""
        try:
            mto = [
                formataddr((name, ascii_address(address)))
                for name, address in getaddresses((recipient,))
            ]
            message = build_message(
                body, headers, unsubscribe, attachments, alternatives
            )
            subject = header_text(subject)
            if subject:
                message["Subject"] = Header(subject, "utf-8", errors="replace")
            else:
                message["Subject"] = "[No Subject]"
            message["To"] = ", ".join(mto)
            message["From"] = from_header or self.sender(None)[1]
            message["Date"] = DateTime().rfc822()
            return message.as_bytes(), mto
        except UnsendableMessage:
            raise
        except (UnicodeError, ValueError, email.errors.MessageError) as error:
            raise UnsendableMessage(f"the message cannot be built: {error}") from error

    def wake_at_commit(self):
        """The queue thread looks at the queue when the batch's files are
        in it, not up to its interval (3 s) later."""
        current = transaction.get()
        if self.thread is None or self.hooked is current:
            return
        self.hooked = current
        current.addAfterCommitHook(self.committed, (self.thread,))

    @staticmethod
    def committed(status, thread):
        if status:
            thread.wake()


class BatchDelivery(QueuedMailDelivery):
    """zope.sendmail's queued delivery with one ``Maildir`` for the batch:
    the stock one opens (and checks on disk) the maildir for every
    message. The file is written and committed as zope.sendmail does."""

    def createDataManager(self, fromaddr, toaddrs, message):
        if getattr(self, "maildir", None) is None:
            self.maildir = Maildir(self.queuePath, True)
        msg = self.maildir.newMessage()
        msg.write(b"X-Zope-From: %s\n" % fromaddr.encode())
        msg.write(b"X-Zope-To: %s\n" % ", ".join(toaddrs).encode())
        msg.write(message)
        msg.close()
        return MailDataManager(msg.commit, onAbort=msg.abort)
