"""Queued sending: one message to one recipient, leaving at commit.

Through Plone's MailHost queue with ``immediate=False``: zope.sendmail
writes the message into the queue only when the transaction commits, so a
transaction that aborts or is retried after a ConflictError sends nothing,
and a commit sends exactly once. With the queue off nothing is sent (and a
warning logged once), because the direct delivery connects to the SMTP
server while the transaction votes: a server that is down would abort the
commit and cost the member what they did.
"""

from collab.portal import logger
from collab.portal.mail.keepalive import start_queue_thread
from collab.portal.mail.queue import ensure_maildir
from collab.portal.secretariat import secretariat_name
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from plone import api
from urllib.parse import quote
import email.policy
import idna
import re


# The MailHost writes a message object with the object's own line endings,
# and SMTP servers that enforce RFC 5321 (aiosmtpd; Postfix 3.9 by default)
# refuse bare LF line endings.
CRLF = email.policy.compat32.clone(linesep="\r\n")


# What Python's header folding (``str.splitlines``) takes for a line
# break, and the other C0/C1 controls: a file name carrying one made the
# message unserialisable (issue 23, item 7).
HEADER_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class UnsendableMessage(ValueError):
    """A message that cannot be built: an address or a header the mail
    path cannot carry. Its text is the reason a delivery log shows."""


def header_text(value):
    """``value`` on one line, fit for a header (file names, subjects)."""
    return HEADER_BREAKS.sub(" ", value or "").strip()


def ascii_address(address):
    """``address`` as SMTP without SMTPUTF8 carries it: the domain
    IDNA-encoded (email-validator stores ``bücher.example`` for
    ``xn--bcher-kva.example``), the local part as it is. A local part
    that is not ASCII needs SMTPUTF8, which the mail path does not
    speak: the contact fields refuse it, and here it is a reason."""
    local, at, domain = (address or "").strip().rpartition("@")
    if not at or not local or not domain:
        raise UnsendableMessage(f"not an e-mail address: {address!r}")
    if not local.isascii():
        raise UnsendableMessage(
            f"not sent to {address}: the part before the @ is not ASCII "
            "(it would need SMTPUTF8)"
        )
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except idna.IDNAError as error:
            raise UnsendableMessage(
                f"not sent to {address}: the domain has no ASCII form ({error})"
            ) from None
    return f"{local}@{domain}"


# RFC 6068: what may stand unencoded in an address of a mailto: URL. The
# rest (& ? # % = /, a comma inside an address, non-ASCII) is
# percent-encoded, so an address such as ``x&to=evil@evil.example`` can
# neither add a header field nor cut the list after it.
MAILTO_SAFE = "@!$'()*+;:"


def mailto_url(to=(), bcc=()):
    """A mailto: URL for the addresses ``to`` and, in Bcc, ``bcc``; ""
    when there is none."""

    def addresses(values):
        return ",".join(quote(value, safe=MAILTO_SAFE) for value in values if value)

    to, bcc = addresses(to), addresses(bcc)
    if not (to or bcc):
        return ""
    return f"mailto:{to}" + (f"?bcc={bcc}" if bcc else "")


def sender(language=None):
    """The site's From: the secretariat's name in ``language`` (the
    message's; without one, the name as entered), else Plone's From
    name, and Plone's From address; None while the site has no From
    address."""
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    if not address:
        return None
    try:
        address = ascii_address(address)
    except UnsendableMessage:
        pass  # Plone's own check let it in; the server answers for it
    if language:
        name = secretariat_name(language)
    else:
        name = api.portal.get_registry_record(
            "collab.portal.secretariat_name", default=""
        )
    name = name or api.portal.get_registry_record("plone.email_from_name", default="")
    return formataddr((name, address)) if name else address


_warned = set()


def warn_once(text):
    """Log ``text`` as a warning the first time only (per process)."""
    if text not in _warned:
        _warned.add(text)
        logger.warning(text)


def queue_message(
    recipient,
    subject,
    body,
    headers=None,
    unsubscribe=None,
    attachments=(),
    alternatives=(),
    language=None,
):
    """Queue a plain-text message; it leaves when the transaction commits.

    ``attachments``: ``(filename, content_type, data)`` triples, sent as
    parts after the text. ``alternatives``: ``(content_type, text)``
    pairs sent beside the text in a ``multipart/alternative`` (an iTIP
    invitation's ``text/calendar; method=REQUEST``). ``language``: the
    message's, which names the sender (``sender``). ``headers`` may
    carry a ``Message-Id`` of the caller's own (a mailing finds its
    messages in the queue by it).

    ``unsubscribe`` (a URL that stops this kind of mail with one POST) adds
    ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058), for mail
    programs that offer their own button. Returns False when nothing was
    queued: the queue is off, or no recipient or site sender address.
    """
    mailhost = api.portal.get_tool("MailHost")
    if not getattr(mailhost, "smtp_queue", False):
        warn_once("Mail: the MailHost queue is off, so no mail is sent.")
        return False
    mfrom = sender(language)
    if not recipient or not mfrom:
        logger.warning(
            "Mail: not sent (recipient %r, site sender %r)", recipient, mfrom
        )
        return False
    try:
        recipient = ascii_address(recipient)
        message = build_message(body, headers, unsubscribe, attachments, alternatives)
    except UnsendableMessage as error:
        logger.warning("Mail: not sent (%s)", error)
        return False
    # A queue folder left empty is completed where it is written, as
    # zope.sendmail makes a missing one (``queue``).
    ensure_maildir(mailhost.smtp_queue_directory)
    # Registered first, the keep-alive thread is the one MailHost.send finds.
    start_queue_thread(mailhost)
    mailhost.send(
        message,
        mto=recipient,
        mfrom=mfrom,
        subject=header_text(subject),
        charset="utf-8",
        immediate=False,
    )
    return True


def build_message(
    body, headers=None, unsubscribe=None, attachments=(), alternatives=()
):
    """The message of ``queue_message`` before the MailHost adds the
    envelope's headers (Subject, To, From, Date). ``attachments`` are
    triples or the parts ``attachment_parts`` made of them once (a
    mailing attaches the same files to thousands of messages);
    ``alternatives`` are ``(content_type, text)`` pairs that follow the
    plain text in a ``multipart/alternative`` (the last is preferred)."""
    message = MIMEText(body, "plain", "utf-8", policy=CRLF)
    if alternatives:
        text = message
        message = MIMEMultipart("alternative", policy=CRLF)
        message.attach(text)
        for content_type, data in alternatives:
            message.attach(alternative_part(content_type, data))
    if attachments:
        text = message
        message = MIMEMultipart(policy=CRLF)
        message.attach(text)
        for part in attachment_parts(attachments):
            message.attach(part)
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    for name, value in (headers or {}).items():
        message[name] = value
    return message


def alternative_part(content_type, text):
    """A text part of ``content_type`` with its parameters
    (``text/calendar; method=REQUEST``), UTF-8."""
    kind, *params = (content_type or "").split(";")
    maintype, _slash, subtype = kind.strip().partition("/")
    if maintype != "text" or not subtype:
        raise UnsendableMessage(f"not a text alternative: {content_type!r}")
    part = MIMEText(text, subtype, "utf-8", policy=CRLF)
    for param in params:
        name, _equals, value = param.strip().partition("=")
        if name:
            part.set_param(name.strip(), value.strip().strip('"'))
    return part


def attachment_parts(attachments):
    """MIME parts of ``(filename, content_type, data)`` triples; parts are
    kept as they are. Serialising a message leaves its parts unchanged, so
    one part may be attached to many messages."""
    parts = []
    for attachment in attachments:
        if isinstance(attachment, Message):
            parts.append(attachment)
            continue
        filename, content_type, data = attachment
        maintype, _slash, subtype = (content_type or "").partition("/")
        if maintype != "application" or not subtype:
            subtype = "octet-stream"
        part = MIMEApplication(data, subtype, policy=CRLF)
        if content_type and maintype != "application":
            part.replace_header("Content-Type", content_type)
        part.add_header(
            "Content-Disposition", "attachment", filename=header_text(filename)
        )
        parts.append(part)
    return parts
