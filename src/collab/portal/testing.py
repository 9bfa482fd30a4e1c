"""Test layers of collab.portal.

The fixture builds its site the way users do: through the ``collab-portal``
distribution, so every test runs against en/es/fr language roots, Classic
UI, plone.restapi, discussion and easyform exactly as ``make start`` makes
them. The slow layers (``Browser``, ``PostgreSQL``, ``Buildout``) carry those
words in their names so ``zope-testrunner --layer '!Browser'`` leaves them
out and ``--layer Browser`` runs them alone; ``StartedSite`` is a site made
and served exactly as ``make start`` does, in a subprocess.
"""

from collab.portal.testing_fixtures import BuildoutCache
from collab.portal.testing_fixtures import ChromiumBrowser
from collab.portal.testing_fixtures import PostgreSQLServer
from collab.portal.testing_fixtures import RelStorageCluster
from collab.portal.testing_fixtures import SMTPServer
from collab.portal.testing_fixtures import StartedSite
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing.helpers import tearDownMultiPluginRegistration
from plone.distribution.testing.layer import PloneDistributionFixture
from plone.testing.zope import WSGI_SERVER_FIXTURE
import os
import shutil
import tempfile
import zope.i18n.config


# Catalogues are compiled from locales/*.po when ZCML registers them.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
zope.i18n.config.COMPILE_MO_FILES = True
zope.i18n.config.ALLOWED_LANGUAGES = None

SITE_ANSWERS = {
    "site_id": "plone",
    "title": "Collaboration Portal",
    "description": "The secretariat's workspace between meetings",
    "default_language": "en",
    "languages": ["en", "es", "fr"],
    "portal_timezone": "UTC",
    "setup_content": True,
}


class CollabPortalFixture(PloneDistributionFixture):
    PACKAGE_NAME = "collab.portal"
    SITES = (("collab-portal", SITE_ANSWERS),)
    _distribution_products = (
        ("plone.app.contenttypes", {"loadZCML": True}),
        ("plone.distribution", {"loadZCML": True}),
        ("plone.restapi", {"loadZCML": True}),
        ("plone.app.discussion", {"loadZCML": True}),
        ("plone.app.multilingual", {"loadZCML": True}),
        ("collective.easyform", {"loadZCML": True}),
    )

    def setUpZCML(self):
        from Products.PluggableAuthService.PluggableAuthService import MultiPlugins

        self._multi_plugins_before = list(MultiPlugins)
        super().setUpZCML()

    def tearDownZCML(self):
        """Forget the PAS plugins this fixture's ZCML registered (plone.restapi's
        JWT plugin): they are global, and a later fixture that loads the same
        ZCML (plone.restapi's own test layers, tests/upstream/) would find
        them registered twice."""
        from Products.PluggableAuthService.PluggableAuthService import MultiPlugins

        for name in [n for n in MultiPlugins if n not in self._multi_plugins_before]:
            tearDownMultiPluginRegistration(name)
        super().tearDownZCML()


COLLAB_PORTAL_BASE_FIXTURE = CollabPortalFixture()


class CollabPortalLayer(PloneSandboxLayer):
    """Sandbox on top of the distribution-made site, for per-test changes."""

    defaultBases = (COLLAB_PORTAL_BASE_FIXTURE,)


COLLAB_PORTAL_FIXTURE = CollabPortalLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(COLLAB_PORTAL_FIXTURE,), name="collab.portal:Integration"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(COLLAB_PORTAL_FIXTURE, WSGI_SERVER_FIXTURE),
    name="collab.portal:Functional",
)

SMTP_FIXTURE = SMTPServer(name="collab.portal:SMTPServer")


class CollabPortalMailLayer(PloneSandboxLayer):
    """The site's MailHost sends through its queue (a temporary directory,
    ``self.layer['mail_queue']``) to the real SMTP server of
    ``SMTP_FIXTURE``, as production does."""

    defaultBases = (COLLAB_PORTAL_FIXTURE, SMTP_FIXTURE)

    def setUpPloneSite(self, portal):
        from collab.portal.mail.keepalive import start_queue_thread

        # zope.sendmail makes the maildir; an existing empty folder it refuses.
        self.tmp = tempfile.mkdtemp(prefix="collab-mailqueue-")
        self.queue = os.path.join(self.tmp, "queue")
        # Plone's mail settings (Site Setup → Mail) name the SMTP server;
        # the queue is the MailHost's own setting (ZMI).
        registry = portal.portal_registry
        registry["plone.smtp_host"] = "127.0.0.1"
        registry["plone.smtp_port"] = self["smtp_port"]
        registry["plone.email_from_address"] = "secretariat@example.org"
        registry["plone.email_from_name"] = "Secretariat"
        mailhost = portal.MailHost
        mailhost.smtp_queue = True
        mailhost.smtp_queue_directory = self.queue
        # The thread production starts (mail.keepalive), not the stock one.
        # Looking at the queue every 0.1 s instead of 3 s: quicker tests.
        start_queue_thread(mailhost).interval = 0.1
        self["mail_queue"] = self.queue

    def testSetUp(self):
        """A test that changed the Mail settings restarted the queue thread
        (``mail.settings``) with its settings, which its rollback does
        not undo: give the next test the layer's server and pace again."""
        from collab.portal.mail.keepalive import thread_of_queue

        thread = thread_of_queue(self.queue)
        if thread is not None:
            thread.interval = 0.1
            thread.mailer.hostname = "127.0.0.1"
            thread.mailer.port = self["smtp_port"]

    def tearDown(self):
        from collab.portal.mail.keepalive import forget_queue_thread

        forget_queue_thread(self.queue)
        shutil.rmtree(self.tmp, ignore_errors=True)
        del self["mail_queue"]
        super().tearDown()


MAIL_FIXTURE = CollabPortalMailLayer(name="collab.portal:MailFixture")

MAIL_TESTING = FunctionalTesting(
    bases=(MAIL_FIXTURE, WSGI_SERVER_FIXTURE),
    name="collab.portal:Mail",
)

CHROMIUM_FIXTURE = ChromiumBrowser(name="collab.portal:ChromiumBrowser")

BROWSER_TESTING = FunctionalTesting(
    bases=(COLLAB_PORTAL_FIXTURE, WSGI_SERVER_FIXTURE, CHROMIUM_FIXTURE),
    name="collab.portal:Browser",
)

POSTGRESQL_FIXTURE = PostgreSQLServer(name="collab.portal:PostgreSQL")

RELSTORAGE_CLUSTER = RelStorageCluster(
    bases=(POSTGRESQL_FIXTURE,), name="collab.portal:PostgreSQLCluster"
)

BUILDOUT_FIXTURE = BuildoutCache(name="collab.portal:Buildout")

STARTED_SITE = StartedSite(name="collab.portal:StartedSite")
