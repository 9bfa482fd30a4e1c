"""The import rules of the house hold (scripts/check_house.py, also run by
`make lint`), and the check does catch each kind of broken rule."""

from pathlib import Path
import importlib.util
import tempfile
import unittest


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_house.py"
spec = importlib.util.spec_from_file_location("check_house", SCRIPT)
check_house = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_house)


class TestHouse(unittest.TestCase):
    def test_the_package_keeps_the_rules(self):
        self.assertEqual(list(check_house.broken_rules()), [])

    def test_each_broken_rule_is_found(self):
        modules = {
            "forum/tasks.py": "from collab.portal.following.followers import x\n",
            "comments/batching.py": "from collab.portal.forum import schedule\n",
            "forum/browser/view.py": "from ..services.schedule import get\n",
            "distributions/demo.py": "from collab.portal.forum.demo import data\n",
            "following/mail.py": "from collab.portal.mail import queue_message\n",
            "forum/demo.py": "from collab.portal.distributions import languages\n",
        }
        with tempfile.TemporaryDirectory() as tmp:
            package = Path(tmp)
            for name, source in modules.items():
                path = package / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(source)
            found = list(check_house.broken_rules(package))
        self.assertEqual(len(found), 4, found)
        joined = "\n".join(found)
        self.assertIn("forum.tasks: imports collab.portal.following.followers", joined)
        self.assertIn("features never import each other", joined)
        self.assertIn("collab.portal.comments.batching: imports", joined)
        self.assertIn("shared modules import no feature", joined)
        self.assertIn("browser/ and services/ never import each other", joined)
        self.assertIn("forum.demo: imports collab.portal.distributions", joined)
        self.assertNotIn("collab.portal.distributions.demo", joined)
        self.assertNotIn("following.mail", joined)
