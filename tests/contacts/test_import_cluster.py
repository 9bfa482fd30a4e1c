"""Two instances on RelStorage (PostgreSQL) behind no sticky balancer: a
file previewed on the import page of one is imported from the other
(issue 23, item 11). The previewed file is kept in the shared database,
not in one instance's file system."""

from collab.portal.testing import RELSTORAGE_CLUSTER
from contacts.import_helpers import csv_bytes
from contacts.slow_mailing_helpers import call
from contacts.slow_mailing_helpers import session
import re
import unittest


def hidden(page, name):
    """The value of the hidden input ``name`` of an HTML page."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


class TestImportAcrossInstances(unittest.TestCase):
    layer = RELSTORAGE_CLUSTER

    def test_preview_on_a_import_on_b(self):
        a, b = (session(self.layer["urls"][name]) for name in ("a", "b"))
        for http in (a, b):
            http.headers["Accept"] = "text/html"
        directory = {"@type": "ContactDirectory", "id": "cluster-import", "title": "C"}
        call(a, "POST", "", json=directory, headers={"Accept": "application/json"})
        page_url = f"{a.base}/cluster-import/@@import-contacts"
        page = a.get(page_url).text
        rows = [["Cluster", "Person", "cluster.person@example.org"]]
        data = csv_bytes(rows, ["given_name", "family_name", "email"])
        preview = a.post(
            page_url,
            data={"_authenticator": hidden(page, "_authenticator"), "preview": "1"},
            files={"file": ("cluster.csv", data, "text/csv")},
        )
        self.assertEqual(preview.status_code, 200, preview.text[:500])
        self.assertIn("cluster.person@example.org", preview.text)
        answer = b.post(
            f"{b.base}/cluster-import/@@import-contacts",
            data={
                "_authenticator": hidden(preview.text, "_authenticator"),
                "upload": hidden(preview.text, "upload"),
                "duplicates": "update",
                "apply": "1",
            },
        )
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertIn("The import is done.", answer.text)
        found = call(
            a,
            "GET",
            "@search?portal_type=Contact&path=/Plone/cluster-import",
            headers={"Accept": "application/json"},
        )
        self.assertEqual([item["title"] for item in found["items"]], ["Cluster Person"])
