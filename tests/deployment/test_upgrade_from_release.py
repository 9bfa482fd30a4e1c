"""A database made by the previous release opens, upgrades and serves with
this code (issue 8: the house moved modules, but no stored name moved).

The previous release's source is taken from git (``RELEASE``), its own
``collab-portal instance`` and ``create-site`` make a site with its demo
content, and this code then serves that same database: the add-on's
upgrade runs over REST and the forum's pages and services answer.
"""

from collab.portal.testing_fixtures import run_cli
from pathlib import Path
from plone.testing import Layer
import os
import re
import requests
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest


ROOT = Path(__file__).resolve().parents[2]
# The main branch before the house moved (issues 7, 8, 10 and 11).
RELEASE = "7cd7583"
BIN = Path(sys.executable).parent
ADMIN = ("admin", "admin")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ReleaseDatabase(Layer):
    """A site made by the ``RELEASE`` code, served by this code."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-release-"))
        old = self.tmp / "release"
        old.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", RELEASE],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        env = dict(os.environ, zope_i18n_compile_mo_files="true")
        released = dict(env, PYTHONPATH=str(old / "src"))
        self.port = free_port()
        var = self.tmp / "var"
        conf = self.tmp / "instance" / "etc"
        run_cli("instance", "--directory", self.tmp / "instance",
                "--var", var, "--name", "instance", "--storage", "filestorage",
                "--host", "localhost", "--port", self.port, env=released)  # fmt: skip
        for folder in ("filestorage", "blobstorage", "log", "cache"):
            (var / folder).mkdir(parents=True, exist_ok=True)
        run_cli("create-site", "--zope-conf", conf / "zope.conf",
                "--id", "Plone", "--languages", "en,es,fr", "--admin",
                "admin:admin", "--if-missing", env=released)  # fmt: skip
        self.log = open(self.tmp / "server.out", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(conf / "zope.ini")],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self["url"] = f"http://localhost:{self.port}/Plone"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(self["url"], timeout=5).status_code < 500:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        self.tearDown()
        raise RuntimeError("the server did not start")

    def tearDown(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


RELEASE_DATABASE = ReleaseDatabase(name="collab.portal:ReleaseUpgrade")


def profile_version():
    metadata = ROOT / "src/collab/portal/profiles/default/metadata.xml"
    return re.search(r"<version>(\d+)</version>", metadata.read_text()).group(1)


class TestUpgradeFromRelease(unittest.TestCase):
    layer = RELEASE_DATABASE

    def setUp(self):
        self.url = self.layer["url"]
        self.admin = requests.Session()
        self.admin.auth = ADMIN
        self.admin.headers["Accept"] = "application/json"

    def test_upgrade_then_use(self):
        addon = self.admin.get(f"{self.url}/@addons/collab.portal").json()
        self.assertEqual(addon["upgrade_info"]["installedVersion"], "1005")
        response = self.admin.post(f"{self.url}/@addons/collab.portal/upgrade")
        self.assertEqual(response.status_code, 204, response.text)
        addon = self.admin.get(f"{self.url}/@addons/collab.portal").json()
        self.assertEqual(addon["upgrade_info"]["installedVersion"], profile_version())
        self.assertFalse(addon["upgrade_info"]["available"])

        groups = self.admin.get(
            f"{self.url}/@search",
            params={"portal_type": "DiscussionGroup", "review_state": "open"},
        ).json()["items"]
        self.assertTrue(groups)
        group = groups[0]["@id"]
        forum = group.rsplit("/", 1)[0]
        for page in (f"{self.url}/en", forum, group, f"{forum}/@@forum-print"):
            with self.subTest(page=page):
                html = requests.get(page, auth=ADMIN, timeout=60)
                self.assertEqual(html.status_code, 200)
                self.assertIn("<html", html.text)
        self.assertEqual(self.admin.get(f"{forum}/@schedule").status_code, 200)
        before = self.admin.get(f"{group}/@comments").json()["items_total"]
        response = self.admin.post(
            f"{group}/@comments", json={"text": "After the upgrade."}
        )
        self.assertEqual(response.status_code, 204, response.text)
        comments = self.admin.get(f"{group}/@comments").json()
        self.assertEqual(comments["items_total"], before + 1)
        self.assertEqual(self.admin.post(f"{self.url}/@clock").status_code, 200)
        self.assertEqual(self.admin.post(f"{self.url}/@forum-clock").status_code, 200)
        self.assertEqual(self.admin.get(f"{group}/@follow").status_code, 200)
