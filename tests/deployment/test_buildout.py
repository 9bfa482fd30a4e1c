"""buildout.cfg builds a Zope instance that serves Plone 6.2 + collab.portal.

``BuildoutTest`` (the slow ``Buildout`` layer) does what a deployer does,
in a temporary copy of the work tree: a fresh venv, ``pip install -c
constraints.txt zc.buildout ...``, ``bin/buildout``, then a site from the
``collab-portal`` distribution made with ``bin/instance run`` and served
by ``bin/instance console``. Eggs and downloads are kept in the layer's
cache, so only the first run downloads. The quick checks of versions.cfg
are in test_versions.py; pins.py regenerates it."""

from collab.portal.testing import BUILDOUT_FIXTURE
from collab.portal.testing import SITE_ANSWERS
from deployment.pins import canonical
from deployment.pins import read_pins
from deployment.pins import ROOT
from pathlib import Path
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_work_tree(dest):
    """The files git would commit now (tracked or new, not ignored)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        listed = None
    if listed is None:
        shutil.copytree(
            ROOT,
            dest,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv*",
                "var",
                "instance",
                "bin",
                "parts",
                "eggs",
                "develop-eggs",
                ".installed.cfg",
                "*.egg-info",
                "__pycache__",
            ),
        )
        return
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


ADMIN = ("admin", "admin")


JSON = "application/json"


def http_get(url, auth=None, accept=None, timeout=30):
    """(status, body) of a GET; redirects are followed."""
    request = urllib.request.Request(url)
    if accept:
        request.add_header("Accept", accept)
    if auth:
        token = base64.b64encode(":".join(auth).encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


# Run by ``bin/instance run``: the instance's own python, with ``app`` bound.
SITE_SCRIPT = r"""
from importlib import metadata
from plone.app.discussion.interfaces import IDiscussionLayer
from plone.distribution.api import distribution as dist_api
from plone.distribution.api import site as site_api
from plone.restapi.interfaces import IPloneRestapiLayer
from zope.interface import alsoProvides

import collab.portal
import json
import sys
import transaction

alsoProvides(app.REQUEST, IPloneRestapiLayer, IDiscussionLayer)
with open(sys.argv[-1]) as answers_file:  # argv ends with: script, answers
    answers = json.load(answers_file)
site = site_api.create(app, "collab-portal", answers)
transaction.commit()
result = {
    "collab.portal": collab.portal.__file__,
    "distributions": sorted(d.name for d in dist_api.get_distributions()),
    "site": site.getId(),
    "languages": [c for c in ("en", "es", "fr") if c in site.objectIds()],
    "admin_roles": sorted(app.acl_users.getUser("admin").getRoles()),
    "dists": sorted(
        [d.metadata["Name"], d.version, str(d.locate_file(""))]
        for d in metadata.distributions()
    ),
    "sys_path": sys.path,
}
print("RESULT " + json.dumps(result))
"""


class BuildoutTest(unittest.TestCase):
    """A deployer's buildout, from an empty venv to a served site."""

    layer = BUILDOUT_FIXTURE

    def setUp(self):
        self.cache = self.layer["buildout_cache"]
        self.tmp = Path(tempfile.mkdtemp(prefix="collab-buildout-"))
        if not os.environ.get("COLLAB_BUILDOUT_KEEP"):
            self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.checkout = self.tmp / "collab.portal"
        self.checkout.mkdir()
        self.venv = self.checkout / ".venv-buildout"
        self.timings = {}
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(
                ("PYTHON", "VIRTUAL_ENV", "BUILDOUT", "ZOPE_", "INSTANCE_")
            )
        }
        self.env["PATH"] = os.pathsep.join(
            p
            for p in self.env.get("PATH", "").split(os.pathsep)
            if not p.startswith(str(ROOT / ".venv"))
        )
        self.addCleanup(self.report_timings)

    def report_timings(self):
        if self.timings:
            spent = ", ".join(f"{k} {v:.0f}s" for k, v in self.timings.items())
            print(f"\n  buildout test timings: {spent}", file=sys.stderr)

    def run_step(self, label, cmd, timeout):
        log = self.tmp / f"{label}.log"
        started = time.monotonic()
        with log.open("w") as out:
            proc = subprocess.run(
                [str(c) for c in cmd],
                cwd=self.checkout,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
        self.timings[label] = time.monotonic() - started
        output = log.read_text()
        self.assertEqual(
            proc.returncode,
            0,
            f"{label} failed ({' '.join(map(str, cmd))}):\n{output[-6000:]}",
        )
        return output

    def test_buildout_builds_and_serves_collab_portal(self):
        copy_work_tree(self.checkout)
        self.assertTrue((self.checkout / "buildout.cfg").is_file())
        pins = {canonical(k): v for k, v in read_pins().items()}

        # The commands of buildout.cfg's header, as a deployer types them.
        self.run_step("venv", [sys.executable, "-m", "venv", self.venv], 120)
        self.run_step(
            "pip",
            [
                self.venv / "bin" / "pip",
                "install",
                "-c",
                "constraints.txt",
                "zc.buildout",
                "setuptools",
                "wheel",
                "pip",
            ],
            600,
        )
        port = free_port()
        buildout_output = self.run_step(
            "buildout",
            [
                self.venv / "bin" / "buildout",
                "-c",
                "buildout.cfg",
                f"buildout:eggs-directory={self.cache / 'eggs'}",
                f"buildout:download-cache={self.cache / 'downloads'}",
                f"instance:http-address=127.0.0.1:{port}",
            ],
            1500,
        )
        self.assertNotIn("Picked versions", buildout_output)
        instance = self.checkout / "bin" / "instance"
        self.assertTrue(instance.is_file(), buildout_output[-3000:])
        etc = self.checkout / "parts" / "instance" / "etc"
        zope_conf = (etc / "zope.conf").read_text()
        self.assertRegex(zope_conf, r"zope_i18n_compile_mo_files\s+true")
        self.assertIn(f"127.0.0.1:{port}", (etc / "wsgi.ini").read_text())
        self.assertFalse((self.checkout / "eggs").exists(), "eggs not in the cache")
        self.assertTrue(
            list((self.cache / "eggs").glob("**/Products.CMFPlone-6.2.2-*.egg")),
            "buildout:eggs-directory was not the cache",
        )

        # The instance's python: collab.portal importable, its distribution
        # registered, a site made from it, and every distribution pinned.
        answers = {**SITE_ANSWERS, "site_id": "Plone"}
        script = self.tmp / "make_site.py"
        script.write_text(SITE_SCRIPT)
        answers_file = self.tmp / "answers.json"
        answers_file.write_text(json.dumps(answers))
        run_output = self.run_step("site", [instance, "run", script, answers_file], 600)
        lines = [line for line in run_output.splitlines() if line.startswith("RESULT ")]
        self.assertEqual(len(lines), 1, run_output[-4000:])
        result = json.loads(lines[0][len("RESULT ") :])
        self.assertTrue(
            result["collab.portal"].startswith(str(self.checkout / "src")),
            result["collab.portal"],
        )
        self.assertIn("collab-portal", result["distributions"])
        self.assertEqual(result["site"], "Plone")
        self.assertEqual(result["languages"], ["en", "es", "fr"])
        self.assertIn("Manager", result["admin_roles"])  # buildout's user =
        own_venv = ROOT / ".venv"
        self.assertEqual(
            [p for p in result["sys_path"] if Path(p).is_relative_to(own_venv)],
            [],
            "the instance must not see the project's own .venv",
        )
        versions = {}
        for name, version, _location in result["dists"]:
            versions.setdefault(canonical(name), set()).add(version)
        self.assertEqual(versions.pop("collab-portal"), {"1.0.0.dev0"})
        wrong = {
            name: (sorted(found), pins.get(name))
            for name, found in versions.items()
            if found != {pins.get(name)}
        }
        self.assertEqual(wrong, {}, "distributions not as in constraints.txt")
        for name in (
            "plone",
            "products-cmfplone",
            "zope",
            "plone-recipe-zope2instance",
        ):
            self.assertIn(name, versions)

        # Serve it: bin/instance console on the free port, stopped whatever happens.
        log = (self.tmp / "instance.log").open("w")
        self.addCleanup(log.close)
        started = time.monotonic()
        server = subprocess.Popen(
            [str(instance), "console"],
            cwd=self.checkout,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.addCleanup(self.stop, server)
        base = f"http://localhost:{port}"
        status = self.wait_for(base + "/", server)
        self.timings["start"] = time.monotonic() - started
        self.assertEqual(status, 200)
        status, body = http_get(base + "/@@plone-overview")
        self.assertEqual(status, 200, body[-2000:])
        self.assertIn("plone-overview", body)
        # The overview's data: the site, made from the collab-portal distribution.
        status, body = http_get(base + "/@sites", auth=ADMIN, accept=JSON)
        self.assertEqual(status, 200, body[-2000:])
        sites = json.loads(body)
        self.assertTrue(sites["can_manage"], "admin:admin of buildout.cfg is Manager")
        self.assertEqual(
            [(s["id"], s["title"], s["distribution"]) for s in sites["sites"]],
            [("Plone", "Collaboration Portal", "collab-portal")],
        )
        self.assertIn("collab-portal", [d["name"] for d in sites["distributions"]])
        status, body = http_get(base + "/Plone/en")
        self.assertEqual(status, 200, body[-2000:])
        self.assertIn("<title>Collaboration Portal", body)
        self.assertIn('lang="en"', body)
        status, body = http_get(base + "/Plone/es")
        self.assertEqual(status, 200, body[-2000:])
        self.assertIn("Portal de colaboración", body)
        # plone.restapi answers on the site.
        status, body = http_get(base + "/Plone/++api++/@site", auth=ADMIN, accept=JSON)
        self.assertEqual(status, 200, body[-2000:])
        self.assertTrue(json.loads(body)["features"]["multilingual"])
        self.assertEqual(server.poll(), None, "the instance stopped by itself")

    def wait_for(self, url, server, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                self.fail(
                    f"bin/instance console exited with {server.returncode}:\n"
                    + (self.tmp / "instance.log").read_text()[-4000:]
                )
            try:
                return http_get(url, timeout=5)[0]
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        self.fail(
            f"{url} did not answer in {timeout}s:\n"
            + (self.tmp / "instance.log").read_text()[-4000:]
        )

    @staticmethod
    def stop(server):
        if server.poll() is not None:
            return
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
