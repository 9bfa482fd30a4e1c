"""The committed versions.cfg is constraints.txt turned into a
``[versions]`` section, and buildout.cfg says what deployers rely on
(quick, no layer)."""

from deployment.pins import canonical
from deployment.pins import INSTANCE_EGGS
from deployment.pins import read_buildout_cfg
from deployment.pins import read_pins
from deployment.pins import read_versions_cfg
from deployment.pins import VERSIONS
from deployment.pins import versions_cfg_text
from deployment.pins import words
from pathlib import Path
import tempfile
import unittest


class VersionsTest(unittest.TestCase):
    """versions.cfg is constraints.txt; buildout.cfg says what it must."""

    def test_versions_cfg_is_generated_from_constraints(self):
        pins = read_pins()
        self.assertEqual(
            VERSIONS.read_text(),
            versions_cfg_text(pins),
            "versions.cfg is not constraints.txt: run "
            ".venv/bin/python tests/deployment/pins.py --write-versions",
        )
        # The same, read the way buildout reads it.
        self.assertEqual(
            {canonical(k): v for k, v in read_versions_cfg().items()},
            {canonical(k): v for k, v in pins.items()},
        )

    def test_constraints_pin_what_buildout_needs(self):
        pins = {canonical(name): version for name, version in read_pins().items()}
        for name in (
            "zc.buildout",
            "zc.recipe.egg",
            "plone.recipe.zope2instance",
            "setuptools",
            "pip",
            "wheel",
            "Plone",
            "Products.CMFPlone",
        ):
            self.assertIn(canonical(name), pins, name)
        self.assertEqual(pins["plone"], "6.2.2")
        self.assertEqual(pins["products-cmfplone"], "6.2.2")

    def test_read_pins_refuses_what_versions_cfg_cannot_say(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "c.txt"
            for bad in (
                "Zope>=6",
                "Zope==6.3; python_version<'3.12'",
                "Zope[wsgi]==6.3",
            ):
                path.write_text(f"# comment\nPlone==6.2.2\n{bad}\n")
                with self.assertRaises(ValueError, msg=bad):
                    read_pins(path)
            path.write_text("Plone==6.2.2  # inline comment\n\nzope.interface==8.7\n")
            self.assertEqual(
                read_pins(path), {"Plone": "6.2.2", "zope.interface": "8.7"}
            )

    def test_buildout_cfg(self):
        cfg = read_buildout_cfg()
        buildout = cfg["buildout"]
        self.assertEqual(words(buildout["extends"]), ["versions.cfg"])
        self.assertEqual(words(buildout["develop"]), ["."])
        self.assertEqual(words(buildout["parts"]), ["instance"])
        self.assertEqual(buildout["allow-picked-versions"], "false")
        self.assertEqual(buildout["show-picked-versions"], "true")
        instance = cfg["instance"]
        self.assertEqual(instance["recipe"], "plone.recipe.zope2instance")
        self.assertEqual(instance["wsgi"], "on")
        self.assertEqual(instance["http-address"], "8080")
        self.assertEqual(instance["user"], "admin:admin")
        self.assertEqual(set(words(instance["eggs"])), INSTANCE_EGGS)
        self.assertIn(
            ["zope_i18n_compile_mo_files", "true"],
            [line.split() for line in instance["environment-vars"].splitlines()],
        )
