"""Site creation with the ``collab-portal`` distribution.

plone.distribution runs content profiles before its post handler, but our
demo content lives inside the language folders; so the handler applies the
base profiles, makes the language roots, and only then adds the demo.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal.contacts.directory import ensure_directory
from collab.portal.contacts.directory import ensure_secretariat_group
from collab.portal.distributions.languages import create_front_pages
from collab.portal.distributions.languages import setup_language_roots
from plone.distribution.handler import post_handler as default_post_handler
import os
import tempfile
import transaction


def handler(distribution, site, answers):
    keep_new_objects_loaded(site)
    setup_tool = site["portal_setup"]
    for profile_id in distribution.profiles:
        setup_tool.runAllImportStepsFromProfile(f"profile-{profile_id}")
    # Language folders are dexterity content: commit-free savepoint so the
    # freshly registered types are usable in the same transaction.
    transaction.savepoint(optimistic=True)
    languages = setup_language_roots(
        site,
        answers.get("languages"),
        default_language=answers.get("default_language") or "en",
    )
    create_front_pages(site, languages)
    # One directory for the whole site, outside the language roots: a
    # contact is one person whatever language the secretariat works in.
    ensure_directory(site)
    ensure_secretariat_group()
    open_registration(site)
    queue_mail(site)
    transaction.savepoint(optimistic=True)
    if _wants_demo(answers.get("setup_content", True)):
        for profile_id in distribution.contents["profiles"]:
            setup_tool.runAllImportStepsFromProfile(f"profile-{profile_id}")
    return site


def keep_new_objects_loaded(site):
    """Creating a site is one transaction of many savepoints. If the
    connection's cache drops a new object (the site's component registry,
    say) at commit, nothing can load it again before the next transaction,
    yet the catalog's indexing queue asks that registry for its processors
    right after the commit: a POSKeyError, and no site (ZODB issue #402).
    Whether it happens depends on the cache size against the number of
    objects created, so for this one transaction the connection keeps
    everything it loaded; the usual size comes back when it ends."""
    cache = aq_parent(aq_inner(site))._p_jar._cache
    size = cache.cache_size
    cache.cache_size = max(size, 10_000_000)

    def restore(*args):
        cache.cache_size = size

    txn = transaction.get()
    txn.addAfterCommitHook(restore)
    txn.addAfterAbortHook(restore)


def open_registration(site):
    """Forums are for registered members: let visitors sign up and choose
    their password (a site with working mail may switch to e-mail
    validation in the Security settings)."""
    from plone import api

    api.portal.set_registry_record("plone.enable_self_reg", True)
    api.portal.set_registry_record("plone.enable_user_pwd_choice", True)
    site.manage_permission(
        "Add portal member",
        roles=["Manager", "Site Administrator", "Owner", "Anonymous"],
        acquire=False,
    )


def queue_mail(site):
    """Mail leaves through the MailHost queue (``var/mailqueue``), so an
    SMTP server that is down never costs a member their comment or
    registration; a sender address is needed for any mail at all (the
    secretariat sets its own in the Mail settings). The queue folder is
    made a maildir here: zope.sendmail refuses an existing folder without
    ``cur/ new/ tmp/``, and an empty one was what lost all mail (issue 10)."""
    from App.config import getConfiguration
    from collab.portal.mail import check_mail
    from collab.portal.mail import ensure_maildir
    from plone import api

    queue = os.path.join(
        getConfiguration().clienthome or tempfile.gettempdir(), "mailqueue"
    )
    ensure_maildir(queue)
    mailhost = site["MailHost"]
    mailhost.smtp_queue = True
    mailhost.smtp_queue_directory = queue
    if not api.portal.get_registry_record("plone.email_from_address", default=""):
        api.portal.set_registry_record(
            "plone.email_from_address", "secretariat@example.org"
        )
        api.portal.set_registry_record("plone.email_from_name", "Secretariat")
    check_mail(site)


def post_handler(distribution, site, answers):
    return default_post_handler(distribution, site, answers)


def _wants_demo(value):
    """The web form sends strings, the CLI and REST send booleans."""
    if isinstance(value, str):
        return value.lower() in ("1", "true", "on", "yes")
    return bool(value)
