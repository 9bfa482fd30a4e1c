"""The house's import rules (``.importlinter``, also run by ``make lint``)
hold, and import-linter catches each kind of broken rule: it runs on a copy
of the package with modules added that break one rule each, indirect
imports and a feature not written yet included."""

from pathlib import Path
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import unittest


ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "collab" / "portal"
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# Modules added to the copy, each breaking one rule. They import packages
# and modules with frozen paths only, so the rest of the package may move.
PROBES = {
    # features independent, for a feature not written yet too
    "meetings/__init__.py": "",
    "meetings/invitations.py": "import collab.portal.contacts\n",
    # features independent, indirectly (through an assembler), and features
    # import no assembler
    "following/probe.py": "import collab.portal.upgrades.probe\n",
    "upgrades/probe.py": "import collab.portal.forum\n",
    # shared parts import no feature; a new top-level module must be placed
    "comments/probe.py": "import collab.portal.forum\n",
    "unlisted.py": "",
    # pages and REST never import each other
    "forum/browser/probe.py": "import collab.portal.forum.services\n",
    "comments/services/probe.py": "import collab.portal.browser\n",
    # content below comments; the engine names no feature's content
    "content/probe.py": "import collab.portal.comments\n",
    "comments/probe_content.py": "from collab.portal.content import forum\n",
}


def lint_imports(path_entry=None):
    """Run ``lint-imports`` as ``make lint`` does; ``path_entry`` first on
    the path makes it read the ``collab.portal`` found there."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    if path_entry:
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(path_entry), env.get("PYTHONPATH")])
        )
    return subprocess.run(
        [str(LINT_IMPORTS), str(CONFIG), "--no-cache"],
        cwd=path_entry or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def broken_sections(output):
    """``{contract name: its report}`` from the "Broken contracts" part."""
    _, _, broken = output.partition("Broken contracts\n----------------\n")
    sections, name = {}, None
    lines = broken.splitlines()
    for line, underline in zip(lines, lines[1:] + [""], strict=True):
        if line and underline == "-" * len(line):
            name = line
            sections[name] = ""
        elif name and line != "-" * len(name):
            sections[name] += " ".join(line.split()) + "\n"
    return sections


def copy_with_probes(target):
    """The package's Python modules under ``target``/collab/portal, plus
    ``PROBES``."""
    copy = target / "collab" / "portal"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=lambda folder, names: [
            name
            for name in names
            if name == "__pycache__" or ("." in name and not name.endswith(".py"))
        ],
    )
    for name, source in PROBES.items():
        path = copy / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


class TestPackageKeepsTheRules(unittest.TestCase):
    def test_every_contract_is_kept(self):
        result = lint_imports()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Contracts: 7 kept, 0 broken.", result.stdout)

    def test_content_names_the_engines_comment_indexes(self):
        """content/ may not import the engine, so the discussion group names
        the indexes plone.app.discussion reindexes itself: the same ones."""
        from collab.portal.comments.interfaces import COMMENT_INDEXES
        from collab.portal.content import discussion_group

        self.assertEqual(discussion_group.COMMENT_INDEXES, COMMENT_INDEXES)


@functools.cache
def probed():
    """One run on the copy with ``PROBES``, shared by the tests below."""
    with tempfile.TemporaryDirectory() as tmp:
        copy_with_probes(Path(tmp))
        return lint_imports(tmp)


class TestBrokenRulesAreCaught(unittest.TestCase):
    def setUp(self):
        self.result = probed()
        self.broken = broken_sections(self.result.stdout)

    def assertBroken(self, contract, *lines):
        self.assertIn(contract, self.broken, self.result.stdout + self.result.stderr)
        for line in lines:
            self.assertIn(line, self.broken[contract])

    def test_the_copy_breaks_every_contract(self):
        self.assertEqual(self.result.returncode, 1, self.result.stderr)
        self.assertIn("Contracts: 0 kept, 7 broken.", self.result.stdout)

    def test_a_feature_importing_another(self):
        self.assertBroken(
            "Features never import each other",
            "collab.portal.meetings is not allowed to import collab.portal.contacts",
            "- collab.portal.meetings.invitations -> collab.portal.contacts (l.1)",
        )

    def test_a_feature_importing_another_indirectly(self):
        self.assertBroken(
            "Features never import each other",
            "collab.portal.following is not allowed to import collab.portal.forum",
            "collab.portal.following.probe -> collab.portal.upgrades.probe (l.1)",
            "collab.portal.upgrades.probe -> collab.portal.forum (l.1)",
        )

    def test_a_feature_importing_an_assembler(self):
        self.assertBroken(
            "Features import no assembler",
            "collab.portal.following.probe -> collab.portal.upgrades.probe (l.1)",
        )

    def test_a_shared_part_importing_a_feature(self):
        self.assertBroken(
            "Shared parts import no feature",
            "collab.portal.comments is not allowed to import collab.portal.forum",
            "- collab.portal.comments.probe -> collab.portal.forum (l.1)",
        )

    def test_a_new_top_level_module_must_be_placed(self):
        self.assertBroken(
            "Shared parts import no feature",
            "The following modules are not listed as layers:",
            "- collab.portal.unlisted",
        )

    def test_pages_and_rest_importing_each_other(self):
        self.assertBroken(
            "Pages never import REST services",
            "collab.portal.forum.browser.probe -> collab.portal.forum.services (l.1)",
        )
        self.assertBroken(
            "REST services never import pages",
            "collab.portal.comments.services.probe -> collab.portal.browser (l.1)",
        )

    def test_content_importing_the_comment_engine(self):
        self.assertBroken(
            "Content classes below the comment engine",
            "- collab.portal.content.probe -> collab.portal.comments (l.1)",
        )

    def test_the_engine_importing_a_features_content(self):
        self.assertBroken(
            "The comment engine names no feature's content",
            "collab.portal.comments.probe_content -> collab.portal.content.forum (l.1)",
        )
