"""The command line and the contacts directory use the libraries' public
APIs: a Zope administrator is added with ``userFolderAddUser`` (not
``_doAddUser``), an index is read through ZCatalog's ``Indexes`` (not its
``_catalog``)."""

from collab.portal.cli.site import ensure_admin
from collab.portal.testing import INTEGRATION_TESTING
from pathlib import Path
import collab.portal
import re
import unittest


SRC = Path(collab.portal.__file__).parent
PRIVATE = re.compile(r"\._doAddUser\(|\._catalog\b")


class TestPublicApis(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_create_site_adds_its_administrator_once(self):
        app = self.layer["app"]
        self.assertIsNone(app.acl_users.getUserById("root-admin"))
        self.assertTrue(ensure_admin(app, "root-admin", "a-secret"))
        user = app.acl_users.getUserById("root-admin")
        self.assertIn("Manager", user.getRoles())
        request = self.layer["request"]
        self.assertIsNotNone(
            app.acl_users.authenticate("root-admin", "a-secret", request)
        )
        self.assertFalse(ensure_admin(app, "root-admin", "another"))

    def test_no_module_calls_these_private_methods(self):
        callers = [
            f"{path.relative_to(SRC)}:{number}"
            for path in sorted(SRC.rglob("*.py"))
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if PRIVATE.search(line)
        ]
        self.assertTrue(any(SRC.rglob("directory.py")))
        self.assertEqual(callers, [])
