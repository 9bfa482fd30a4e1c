"""Site Setup -> Mail takes effect on a running site at once.

Products.MailHost gives its queue thread (one per queue directory, in
``queue_threads``) a mailer made when the thread starts, and Plone's mailer
reads server, port, user and password from the registry only then: after
the secretariat changed the server, mail kept going to the old one until
the instance restarted. When one of those records changes, the thread of
the site's queue is stopped (the MailHost's own stop) and the keep-alive
thread of ``mail.keepalive`` started in its place, after the commit (an
aborted change must not reach the thread). The clock (``mail.tasks``)
also restarts a thread whose mailer differs from the registry: in a
cluster the change is made on one instance, and each instance's clock
brings its own thread up to date.
"""

from collab.portal import logger
from collab.portal.mail.keepalive import is_keepalive
from collab.portal.mail.keepalive import queue_thread
from collab.portal.mail.keepalive import start_queue_thread
from collab.portal.mail.keepalive import stop_queue_thread
from plone import api
from zope.component.hooks import site as site_hook
import transaction


# IMailSchema fields that the queue thread's mailer keeps.
MAILER_FIELDS = {
    "smtp_host": "hostname",
    "smtp_port": "port",
    "smtp_userid": "username",
    "smtp_pass": "password",
}


def mail_settings_changed(settings, event):
    """Subscriber: an IMailSchema record was modified."""
    if event.record.fieldName not in MAILER_FIELDS:
        return
    site = api.portal.get()
    transaction.get().addAfterCommitHook(_restart_after_commit, (site,))


def _restart_after_commit(committed, site):
    if not committed:
        return
    try:
        with site_hook(site):
            restart_queue_thread(site["MailHost"])
    except Exception:
        logger.exception("Mail: could not restart the mail queue thread")


def restart_queue_thread(mailhost):
    """Restart the running queue thread so its mailer reads the settings
    anew; a queue without a running thread starts one with the new
    settings at its next message anyway. True if it was restarted."""
    if not mailhost.queueThreadAlive():
        return False
    stop_queue_thread(mailhost)
    start_queue_thread(mailhost)
    logger.info(
        "Mail: the queue of %s now sends through %s:%s",
        mailhost.smtp_queue_directory,
        api.portal.get_registry_record("plone.smtp_host", default=""),
        api.portal.get_registry_record("plone.smtp_port", default=""),
    )
    return True


def revive_queue_thread(mailhost):
    """Start again a queue thread that died: zope.sendmail's thread ends on
    the first error listing the queue (the folder was removed, say) and
    Products.MailHost keeps the dead thread registered, so no message would
    leave until a restart. True if it was revived."""
    if queue_thread(mailhost) is None or mailhost.queueThreadAlive():
        return False
    logger.warning(
        "Mail: the queue thread of %s had stopped; starting it again",
        mailhost.smtp_queue_directory,
    )
    stop_queue_thread(mailhost)
    start_queue_thread(mailhost)
    return True


def sync_queue_thread(mailhost=None):
    """Restart the queue thread if its mailer is not the one the registry
    describes (a change made on another instance), or if it is a stock
    thread (started by ``MailHost.send`` or the ZMI) rather than the
    keep-alive one (``mail.keepalive``). True if restarted."""
    mailhost = mailhost if mailhost is not None else api.portal.get_tool("MailHost")
    if not getattr(mailhost, "smtp_queue", False):
        return False
    thread = queue_thread(mailhost)
    mailer = getattr(thread, "mailer", None)
    if mailer is None:
        return False
    if not is_keepalive(thread):
        return restart_queue_thread(mailhost)
    for field, attribute in MAILER_FIELDS.items():
        wanted = api.portal.get_registry_record(f"plone.{field}", default=None)
        if (wanted or None) != (getattr(mailer, attribute, None) or None):
            return restart_queue_thread(mailhost)
    return False
