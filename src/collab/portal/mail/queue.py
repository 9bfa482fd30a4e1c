"""The MailHost queue of a site: a maildir zope.sendmail accepts, and one
answer to "can mail be queued now?" for everything that sends.

zope.sendmail makes its maildir only where nothing exists yet; an existing
folder without ``cur/``, ``new/`` and ``tmp/`` it refuses with a ValueError
on every message (what the distribution made up to profile 1005, issue 10).
``ensure_maildir`` completes a folder that holds nothing else, so a queue
left empty by an earlier release, or made by hand, works again: the clock
(``repair_queue``, from ``mail.tasks`` and at start-up) and the writers
(``send``, ``outbox``, as zope.sendmail makes a missing one) complete it.
Whatever still stands in the way is a *problem*: logged as an error once
when it appears (not one traceback per message), shown on the control
panels (``mail.browser``), and senders keep what they owe until it is
gone (``following.owed``). Asking (``queue_problem``, ``check_mail``)
changes nothing.

``mail_outage`` says since when the SMTP server cannot be reached, as the
senders noted it (``mail.handover``): the mail is queued meanwhile and
leaves once the server is back; pages and REST say so.
"""

from collab.portal import _
from collab.portal import logger
from collab.portal.dates import format_date
from collab.portal.mail.handover import outage
from collab.portal.mail.keepalive import queue_thread
from collab.portal.mail.keepalive import start_queue_thread
from collab.portal.mail.settings import revive_queue_thread
from datetime import datetime
from datetime import UTC
from plone import api
from zope.i18n import translate
import os


MAILDIR = ("cur", "new", "tmp")

# Site path -> the problem last logged for it ("" when mail worked).
_reported = {}


def is_maildir(path):
    return all(os.path.isdir(os.path.join(path, sub)) for sub in MAILDIR)


def can_be_maildir(path):
    """``ensure_maildir`` would make ``path`` a maildir: it is missing, or
    a folder holding nothing but some of ``cur/ new/ tmp/``."""
    if not path:
        return False
    if not os.path.exists(path):
        parent = os.path.dirname(os.path.abspath(path))
        return os.access(parent, os.W_OK | os.X_OK)
    try:
        extra = set(os.listdir(path)) - set(MAILDIR)
    except OSError:
        return False
    return os.path.isdir(path) and not extra and os.access(path, os.W_OK | os.X_OK)


def ensure_maildir(path):
    """Make ``path`` a maildir when it is missing, or a folder holding
    nothing but some of ``cur/ new/ tmp/``; True if it is a maildir now.
    A folder with anything else in it is left alone: it may be someone's
    (the MailHost's default is ``/tmp``)."""
    if not path:
        return False
    if is_maildir(path):
        return True
    try:
        if os.path.isdir(path) and set(os.listdir(path)) - set(MAILDIR):
            return False
        for sub in MAILDIR:
            os.makedirs(os.path.join(path, sub), exist_ok=True)
    except OSError:
        return False
    return is_maildir(path)


def queue_problem(mailhost=None):
    """None when mail can be queued now, else a message that says why not
    (and what to do). A queue folder that its writer completes
    (``can_be_maildir``) is no problem. Changes nothing."""
    mailhost = mailhost if mailhost is not None else api.portal.get_tool("MailHost")
    path = getattr(mailhost, "smtp_queue_directory", "") or ""
    if not getattr(mailhost, "smtp_queue", False):
        return _(
            "mail_problem_queue_off",
            default='The mail queue is off (ZMI: MailHost, "Use mail queue"), '
            "so no mail is sent.",
        )
    if not (is_maildir(path) or can_be_maildir(path)):
        return _(
            "mail_problem_not_maildir",
            default="The mail queue directory ${path} is not a maildir and "
            "cannot be made one (it holds other files, or cannot be written). "
            "Empty it, or choose another directory in the ZMI (MailHost).",
            mapping={"path": path},
        )
    if is_maildir(path) and not all(
        os.access(os.path.join(path, sub), os.W_OK | os.X_OK) for sub in ("tmp", "new")
    ):
        return _(
            "mail_problem_not_writable",
            default="Zope may not write into the mail queue directory ${path}.",
            mapping={"path": path},
        )
    if not api.portal.get_registry_record("plone.email_from_address", default=""):
        return _(
            "mail_problem_no_sender",
            default='The site has no "From" address (Site Setup: Mail), '
            "so no mail is sent.",
        )
    return None


def check_mail(site=None):
    """``queue_problem`` of the current site, logged as an error when it
    appears and once more when it is gone; returns the problem or None.
    A question: the repairs are ``repair_queue``'s, on the clock."""
    site = site if site is not None else api.portal.get()
    problem = queue_problem(site["MailHost"])
    key = "/".join(site.getPhysicalPath())
    text = translate(problem, target_language="en") if problem else ""
    if _reported.get(key, "") != text:
        if text:
            logger.error("Mail of %s cannot be sent: %s", key, text)
        elif key in _reported:
            logger.info("Mail of %s can be sent again.", key)
        _reported[key] = text
    return problem


def repair_queue(site=None):
    """The clock's (``mail.tasks``) and start-up's repairs: complete the
    queue folder into a maildir, start again a queue thread that died, and
    start one for mail left waiting by an earlier process (a restart
    during an SMTP outage: nothing new is queued to start one, so the
    waiting mail would stay). Returns ``check_mail``'s answer afterwards."""
    site = site if site is not None else api.portal.get()
    mailhost = site["MailHost"]
    if getattr(mailhost, "smtp_queue", False):
        ensure_maildir(getattr(mailhost, "smtp_queue_directory", "") or "")
    problem = check_mail(site)
    if problem is None:
        revive_queue_thread(mailhost)
        if queue_thread(mailhost) is None and mail_is_waiting(mailhost):
            logger.info(
                "Mail: messages wait in %s; starting its queue thread",
                mailhost.smtp_queue_directory,
            )
            start_queue_thread(mailhost)
    return problem


def mail_is_waiting(mailhost):
    """Does the MailHost's queue hold messages to send (``new/``, or
    ``cur/`` where a sender that died left them)?"""
    if not getattr(mailhost, "smtp_queue", False):
        return False
    path = getattr(mailhost, "smtp_queue_directory", "") or ""
    for folder in ("new", "cur"):
        try:
            with os.scandir(os.path.join(path, folder)) as entries:
                if any(not e.name.startswith(".") for e in entries):
                    return True
        except OSError:
            continue
    return False


def mail_outage(mailhost=None):
    """``{"reachable": False, "since": ISO time, "error": text}`` while the
    senders find the SMTP server out of reach, else None."""
    mailhost = mailhost if mailhost is not None else api.portal.get_tool("MailHost")
    path = getattr(mailhost, "smtp_queue_directory", "") or ""
    noted = outage(path) if path else None
    if not noted:
        return None
    since = datetime.fromtimestamp(noted.get("since", 0), UTC)
    return {
        "reachable": False,
        "since": since.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "error": noted.get("error", ""),
    }


def outage_message(language, mailhost=None):
    """What pages say while ``mail_outage``, or None."""
    found = mail_outage(mailhost)
    if found is None:
        return None
    since = datetime.strptime(found["since"], "%Y-%m-%dT%H:%M:%SZ")
    return _(
        "mail_outage",
        default="The mail server cannot be reached since ${since}. "
        "Messages wait in the queue and leave once it is back.",
        mapping={"since": format_date(since.replace(tzinfo=UTC), language)},
    )
