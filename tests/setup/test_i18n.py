"""Every message of the collab.portal domain is translated to es and fr,
and the catalogue template is in step with the source."""

from pathlib import Path
import re
import subprocess
import sys
import tempfile
import unittest


ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "src" / "collab" / "portal" / "locales"
# A msgstr may go on over continuation lines ("..."), as i18ndude's sync
# wraps a long one with line breaks in it.
ENTRY = re.compile(r'^msgid "(.*)"\nmsgstr "(.*)"((?:\n".*")*)', re.MULTILINE)
CONTINUATION = re.compile(r'^"(.*)"$', re.MULTILINE)


def entries(path):
    return {
        msgid: first + "".join(CONTINUATION.findall(rest))
        for msgid, first, rest in ENTRY.findall(path.read_text())
        if msgid
    }


def defaults(pot):
    """``{msgid: its English default}`` of a template (the msgid itself
    for a message that is its own English)."""
    text = pot.read_text()
    found = {msgid: msgid for msgid in entries(pot)}
    found.update(
        (msgid, default)
        for default, msgid in re.findall(
            r'#\. Default: "(.*)"\n(?:#:.*\n)*msgid "(.*)"', text
        )
    )
    return found


class TestCatalogues(unittest.TestCase):
    def test_pot_is_current(self):
        i18ndude = Path(sys.executable).parent / "i18ndude"
        with tempfile.TemporaryDirectory() as tmp:
            pot = Path(tmp) / "collab.portal.pot"
            subprocess.run(
                [
                    str(i18ndude),
                    "rebuild-pot",
                    "--pot",
                    str(pot),
                    "--create",
                    "collab.portal",
                    str(ROOT / "src" / "collab" / "portal"),
                ],
                check=True,
                capture_output=True,
            )
            fresh = defaults(pot)
        # i18ndude ran and found the source's messages.
        self.assertIn("comment_too_long", fresh)
        committed = defaults(LOCALES / "collab.portal.pot")
        self.assertEqual(set(fresh) - set(committed), set(), "new: run `make i18n`")
        self.assertEqual(set(committed) - set(fresh), set(), "stale: run `make i18n`")
        changed = sorted(m for m in fresh if committed.get(m) != fresh[m])
        self.assertEqual(changed, [], "default changed: run `make i18n`")

    def test_es_and_fr_complete(self):
        template = set(entries(LOCALES / "collab.portal.pot"))
        self.assertTrue(template)
        for lang in ("es", "fr"):
            catalogue = entries(LOCALES / lang / "LC_MESSAGES" / "collab.portal.po")
            missing = sorted(m for m in template if not catalogue.get(m))
            self.assertEqual(missing, [], f"untranslated in {lang}")

    def test_mapping_names_kept(self):
        # A translation that drops ${secretariat} would print an empty name.
        pot = (LOCALES / "collab.portal.pot").read_text()
        defaults = {
            msgid: default
            for default, msgid in re.findall(
                r'#\. Default: "(.*)"\n(?:#:.*\n)*msgid "(.*)"', pot
            )
        }
        self.assertIn("footer_workspace", defaults)
        for lang in ("es", "fr"):
            catalogue = entries(LOCALES / lang / "LC_MESSAGES" / "collab.portal.po")
            for msgid in entries(LOCALES / "collab.portal.pot"):
                text = defaults.get(msgid, msgid)
                default_names = set(re.findall(r"\$\{(\w+)\}", text))
                self.assertTrue(
                    default_names <= set(re.findall(r"\$\{(\w+)\}", catalogue[msgid])),
                    (lang, msgid),
                )

    def test_tab_titles_translated_in_plones_domain(self):
        # Plone's toolbar translates type action titles in the "plone"
        # domain: ours are in the add-on's plone.po, beside Plone's.
        types = ROOT / "src" / "collab" / "portal" / "profiles" / "default" / "types"
        titles = {
            title
            for xml in types.glob("*.xml")
            for title in re.findall(r'<action [^>]*title="([^"]*)"', xml.read_text())
        } - {"View", "Edit"}
        self.assertIn("Address list", titles)
        for lang in ("es", "fr"):
            catalogue = entries(LOCALES / lang / "LC_MESSAGES" / "plone.po")
            missing = sorted(t for t in titles if not catalogue.get(t))
            self.assertEqual(missing, [], f"untranslated tab titles in {lang}")
