"""The Plone templates copied into ``browser/theme/`` still match the
Plone version they were copied from: a Plone upgrade that changes an
original fails here, naming the copy to bring up to date."""

from collab.portal.browser import theme
from importlib import metadata
from importlib import resources
from pathlib import Path
import hashlib
import unittest


THEME = Path(theme.__file__).parent


def sha256_of(package, name):
    return hashlib.sha256(resources.files(package).joinpath(name).read_bytes())


class TestThemeCopies(unittest.TestCase):
    def test_every_template_is_a_recorded_copy_or_our_own(self):
        templates = {path.name for path in THEME.glob("*.pt")}
        self.assertIn("toolbar.pt", templates)
        self.assertEqual(templates - theme.OWN, set(theme.COPIED_FROM))

    def test_the_originals_are_those_copied(self):
        for copy, original in sorted(theme.COPIED_FROM.items()):
            package, name, distribution, version, digest = original
            with self.subTest(copy=copy):
                installed = metadata.version(distribution)
                self.assertEqual(
                    sha256_of(package, name).hexdigest(),
                    digest,
                    f"{package}/{name} of {distribution} {installed} differs "
                    f"from the {version} copied into browser/theme/{copy}: "
                    "carry its change over, then record the new version and "
                    "hash in browser/theme/__init__.py (COPIED_FROM)",
                )
