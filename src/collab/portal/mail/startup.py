"""At start-up, look at the mail queue of every Plone site of the database.

A site made by an earlier release has an empty ``var/mailqueue`` that
zope.sendmail refuses; this completes it before the first message, and
logs an error for a queue that cannot work, so whoever starts the instance
sees it at once instead of a traceback per comment later. Nothing is
written to the database.
"""

from collab.portal import logger
from collab.portal.mail.queue import repair_queue
from plone.base.interfaces import IPloneSiteRoot
from zope.component.hooks import site as site_hook


def check_sites_at_startup(event):
    """Subscriber of IDatabaseOpenedWithRoot."""
    connection = event.database.open()
    try:
        app = connection.root().get("Application")
        for site in app.objectValues() if app is not None else ():
            if not IPloneSiteRoot.providedBy(site):
                continue
            if "MailHost" not in site.objectIds():
                continue
            try:
                with site_hook(site):
                    repair_queue(site)
            except Exception:
                logger.exception("Mail: could not check the queue of %s", site.getId())
    finally:
        connection.transaction_manager.abort()
        connection.close()
