"""The collab-portal distribution gives the same site on every channel:
the Python API (the test fixture), the "Create a new site" page, REST
``POST /@sites`` and the ``collab-portal create-site`` command."""

from collab.portal.testing import FUNCTIONAL_TESTING
from collab.portal.testing import INTEGRATION_TESTING
from collab.portal.testing import SITE_ANSWERS
from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from portal_helpers import PROFILE_VERSION
from portal_helpers import site_fingerprint
import os
import requests
import shutil
import subprocess
import sys
import tempfile
import unittest
import ZODB
import ZODB.FileStorage


VENV_BIN = Path(sys.executable).parent


class TestSiteStructure(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_language_roots(self):
        for code in ("en", "es", "fr"):
            root = self.portal[code]
            self.assertEqual(root.portal_type, "LRF")
            self.assertEqual(api.content.get_state(root), "published")
        self.assertEqual(
            api.portal.get_registry_record("plone.available_languages"),
            ["en", "es", "fr"],
        )

    def test_front_pages_linked_as_translations(self):
        pages = {code: self.portal[code]["front-page"] for code in ("en", "es", "fr")}
        self.assertEqual(pages["es"].title, "Portal de colaboración")
        self.assertEqual(pages["fr"].title, "Portail de collaboration")
        translations = ITranslationManager(pages["en"]).get_translations()
        self.assertEqual(
            {code: obj.UID() for code, obj in translations.items()},
            {code: obj.UID() for code, obj in pages.items()},
        )
        for code, page in pages.items():
            self.assertEqual(page.Language(), code)
            self.assertEqual(api.content.get_state(page), "published")
            self.assertEqual(self.portal[code].getDefaultPage(), "front-page")

    def test_root_redirects_to_language(self):
        self.assertEqual(
            self.portal.portal_types["Plone Site"].default_view, "language-switcher"
        )

    def test_demo_content(self):
        about = {code: self.portal[code]["about"] for code in ("en", "es", "fr")}
        self.assertEqual(about["fr"].title, "À propos de ce portail")
        self.assertEqual(len(ITranslationManager(about["en"]).get_translations()), 3)

    def test_mail_goes_through_the_queue(self):
        import os

        mailhost = self.portal["MailHost"]
        self.assertTrue(mailhost.smtp_queue)
        self.assertTrue(os.path.isdir(mailhost.smtp_queue_directory))
        # A maildir: zope.sendmail refuses an existing folder without them.
        for sub in ("cur", "new", "tmp"):
            self.assertTrue(
                os.path.isdir(os.path.join(mailhost.smtp_queue_directory, sub))
            )
        self.assertTrue(api.portal.get_registry_record("plone.email_from_address"))

    def test_sample_comments_are_searchable(self):
        found = api.content.find(SearchableText="institutions")
        self.assertEqual([b.portal_type for b in found], ["Discussion Item"])
        found = api.content.find(portal_type="Discussion Item")
        self.assertTrue(found)
        self.assertTrue(all(brain.Title for brain in found))

    def test_classic_theme(self):
        self.assertEqual(
            api.portal.get_registry_record(
                "plone.app.theming.interfaces.IThemeSettings.currentTheme"
            ),
            "barceloneta",
        )


class TestCreationChannels(unittest.TestCase):
    """Create more sites in the Zope root of the running test server."""

    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.app = self.layer["app"]
        self.app_url = self.app.absolute_url()
        self.reference = site_fingerprint(self.layer["portal"])

    def sites(self, method, path="", payload=None, auth=True, timeout=60):
        """A call to the Zope root's @sites service, as the site owner."""
        return requests.request(
            method,
            f"{self.app_url}/@sites{path}",
            json=payload,
            headers={"Accept": "application/json"},
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if auth else None,
            timeout=timeout,
        )

    def _fingerprint(self, site_id):
        self.app._p_jar.sync()
        return site_fingerprint(self.app[site_id])

    def test_reference_site(self):
        self.assertEqual(set(self.reference["languages"]), {"en", "es", "fr"})
        self.assertTrue(self.reference["one_translation_group"])
        self.assertEqual(self.reference["collab_portal_version"], PROFILE_VERSION)
        self.assertEqual(len(self.reference["installed"]), 5)

    def test_distribution_offered(self):
        # The "Create a new site" page (@@ploneAddSite) is built from this
        # listing; the browser test fills it in for real.
        response = self.sites("GET")
        self.assertEqual(response.status_code, 200)
        offered = {d["name"] for d in response.json()["distributions"]}
        self.assertIn("collab-portal", offered)
        response = self.sites("GET", "/collab-portal")
        schema = response.json()["schema"]
        self.assertEqual(
            schema["properties"]["languages"]["default"], ["en", "es", "fr"]
        )

    def test_create_site_rest(self):
        response = self.sites(
            "POST",
            payload={
                **SITE_ANSWERS,
                "distribution": "collab-portal",
                "site_id": "viarest",
            },
            timeout=300,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.json()["id"], "viarest")
        self.assertEqual(self._fingerprint("viarest"), self.reference)

    def test_create_site_without_the_demo_forums_languages(self):
        """The demo forums are written in en, es and fr: a site in Arabic
        and Russian alone is made with its directory and without them."""
        response = self.sites(
            "POST",
            payload={
                **SITE_ANSWERS,
                "distribution": "collab-portal",
                "site_id": "arru",
                "default_language": "ar",
                "languages": ["ar", "ru"],
            },
            timeout=300,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.app._p_jar.sync()
        site = self.app["arru"]
        self.assertIn("ar", site.objectIds())
        self.assertIn("ru", site.objectIds())
        self.assertIn("contacts", site.objectIds())
        self.assertEqual(
            [b.portal_type for b in site.portal_catalog(portal_type="Forum")], []
        )

    def test_rest_rejects_unknown_language(self):
        response = self.sites(
            "POST",
            payload={
                "distribution": "collab-portal",
                "site_id": "badrest",
                "title": "X",
                "languages": ["en", "xx"],
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("message", response.json())
        self.app._p_jar.sync()
        self.assertNotIn("badrest", self.app.objectIds())

    def test_create_site_anonymous_refused(self):
        response = self.sites(
            "POST",
            payload={
                "distribution": "collab-portal",
                "site_id": "badrest",
                "title": "X",
            },
            auth=False,
        )
        self.assertEqual(response.status_code, 401)
        self.app._p_jar.sync()
        self.assertNotIn("badrest", self.app.objectIds())


class TestCommandLine(unittest.TestCase):
    """``collab-portal instance`` + ``create-site`` in a separate process."""

    layer = INTEGRATION_TESTING

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-cli-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def cli(self, *args):
        env = dict(os.environ, zope_i18n_compile_mo_files="true")
        return subprocess.run(
            [str(VENV_BIN / "collab-portal"), *args],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )

    def test_create_site_command(self):
        instance = self.tmp / "instance"
        var = self.tmp / "var"
        made = self.cli("instance", "--directory", str(instance), "--var", str(var))
        self.assertEqual(made.returncode, 0, made.stderr)
        conf = str(instance / "etc" / "zope.conf")
        created = self.cli(
            "create-site",
            "--zope-conf",
            conf,
            "--id",
            "Plone",
            "--languages",
            "en,es,fr",
            "--admin",
            "admin:admin",
        )
        self.assertEqual(created.returncode, 0, created.stderr[-2000:])
        self.assertIn("Created site 'Plone'", created.stdout)

        again = self.cli("create-site", "--zope-conf", conf, "--if-missing")
        self.assertEqual(again.returncode, 0, again.stderr[-2000:])
        self.assertIn("left as it is", again.stdout)
        refused = self.cli("create-site", "--zope-conf", conf)
        self.assertEqual(refused.returncode, 1)

        bad = self.cli(
            "create-site", "--zope-conf", conf, "--id", "Other", "--languages", "en,xx"
        )
        self.assertEqual(bad.returncode, 2)

        storage = ZODB.FileStorage.FileStorage(
            str(var / "filestorage" / "Data.fs"), read_only=True
        )
        db = ZODB.DB(storage)
        try:
            root = db.open().root()["Application"]
            self.assertNotIn("Other", root.objectIds())
            fingerprint = site_fingerprint(root["Plone"])
            reference = site_fingerprint(self.layer["portal"])
            self.assertEqual(fingerprint, reference)
            self.assertIsNotNone(root.acl_users.getUserById("admin"))
        finally:
            db.close()


class TestDemoForums(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_forum_2012_in_three_languages(self):
        from collab.portal.forum.demo import FORUM_2012
        from collab.portal.forum.demo import local_id
        from collab.portal.forum.schedule import schedule_rows

        forums = {
            c: self.portal[c][local_id(FORUM_2012, c)] for c in ("en", "es", "fr")
        }
        self.assertEqual(len(ITranslationManager(forums["en"]).get_translations()), 3)
        for forum in forums.values():
            self.assertEqual(api.content.get_state(forum), "archived")
            rows = schedule_rows(forum)
            self.assertEqual(len(rows), 6)
            self.assertEqual({r["status"] for r in rows}, {"closed"})
        remarks = schedule_rows(forums["en"])[2]["remarks"]
        self.assertIn("Easter", remarks)
        self.assertEqual(rows[0]["opens"].isoformat(), "2012-02-20T01:00:00+00:00")

    def test_sample_comments_shared_across_languages(self):
        from plone.app.discussion.interfaces import IConversation

        forum = self.portal["en"]["capacity-building-2012"]
        group = ITranslationManager(forum["independent-evaluation"]).get_translation(
            "fr"
        )
        comments = list(IConversation(group).getComments())
        self.assertEqual(sorted(c.language for c in comments), ["en", "es"])

    def test_live_forum_has_an_open_group(self):
        from collab.portal.forum.schedule import comment_window_is_open

        en = self.portal["en"]["intersessional-consultation"]
        for code in ("en", "es", "fr"):
            forum, first, second = (
                ITranslationManager(obj).get_translation(code)
                for obj in (en, en["group-1"], en["group-2"])
            )
            self.assertEqual(api.content.get_state(forum), "published")
            self.assertTrue(comment_window_is_open(first))
            self.assertEqual(api.content.get_state(second), "scheduled")
