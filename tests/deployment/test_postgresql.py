"""Scale-out: one site on RelStorage/PostgreSQL served by two Zope instances.

A real PostgreSQL is started by the layer; two ``runwsgi`` processes serve
the same database. What one writes (an object and a blob) the other reads
right after the commit; a conflicting write is resolved by Zope's retry or
reported, never lost silently.
"""

from collab.portal.testing import RELSTORAGE_CLUSTER
import base64
import concurrent.futures
import os
import requests
import transaction
import unittest
import uuid
import ZODB.config
import ZODB.POSException


ADMIN = ("admin", "admin")


class TestTwoInstancesOnPostgreSQL(unittest.TestCase):
    layer = RELSTORAGE_CLUSTER

    def setUp(self):
        # Ids are unique per test run: the database outlives a single test.
        self.suffix = uuid.uuid4().hex[:8]
        self.urls = self.layer["urls"]
        self.tmp = self.layer["cluster_dir"]

    def create_document(self, name, base_id, title):
        """A Document created through instance ``name``; returns its path."""
        doc_id = f"{base_id}-{self.suffix}"
        created = self.rest(
            name, "POST", "en", json={"@type": "Document", "id": doc_id, "title": title}
        )
        self.assertEqual(created.status_code, 201, created.text)
        return f"en/{doc_id}"

    def rest(self, name, method, path, **kw):
        headers = {"Accept": "application/json"}
        return requests.request(
            method,
            f"{self.urls[name]}/{path}",
            headers=headers,
            auth=ADMIN,
            timeout=60,
            **kw,
        )

    def test_write_on_one_read_on_the_other(self):
        written = self.create_document("a", "written-on-a", "From A")
        read = self.rest("b", "GET", written)
        self.assertEqual(read.status_code, 200, read.text)
        self.assertEqual(read.json()["title"], "From A")

        changed = self.rest("b", "PATCH", written, json={"title": "From B"})
        self.assertEqual(changed.status_code, 204)
        self.assertEqual(
            self.rest("a", "GET", written).json()["title"],
            "From B",
        )

    def test_blob_written_on_one_read_on_the_other(self):
        payload = os.urandom(256 * 1024)
        created = self.rest(
            "a",
            "POST",
            "en",
            json={
                "@type": "File",
                "id": f"blob-on-a-{self.suffix}",
                "title": "Blob",
                "file": {
                    "data": base64.b64encode(payload).decode(),
                    "encoding": "base64",
                    "filename": "draft.bin",
                    "content-type": "application/octet-stream",
                },
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        download = requests.get(
            f"{self.urls['b']}/en/blob-on-a-{self.suffix}/@@download/file",
            auth=ADMIN,
            timeout=60,
        )
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, payload)

    def test_concurrent_writes_are_resolved_or_reported(self):
        contested = self.create_document("a", "contested", "start")

        def write(name, n):
            return (
                name,
                n,
                self.rest(
                    name,
                    "PATCH",
                    contested,
                    json={"title": f"{name}-{n}"},
                ).status_code,
            )

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            results = list(
                pool.map(
                    lambda args: write(*args),
                    [(name, n) for n in range(10) for name in ("a", "b")],
                )
            )
        accepted = {f"{name}-{n}" for name, n, status in results if status == 204}
        refused = [r for r in results if r[2] != 204]
        # Each request either took effect (204) or said it did not (an
        # error status); a 204 whose write vanished would be a silent loss.
        self.assertTrue(all(status >= 400 for _, _, status in refused), results)
        final_a = self.rest("a", "GET", contested).json()["title"]
        final_b = self.rest("b", "GET", contested).json()["title"]
        self.assertEqual(final_a, final_b)
        self.assertIn(final_a, accepted)

    def test_conflicting_commit_is_reported(self):
        """Two connections change the same object: the second commit raises
        ConflictError (Zope turns it into a retry), it is never dropped."""
        raced = self.create_document("a", "raced", "start")
        conf = f"""
        %import relstorage
        <zodb>
          <relstorage>
            keep-history false
            shared-blob-dir false
            blob-dir {{blobdir}}
            <postgresql>
              dsn {self.layer["dsn"]}
            </postgresql>
          </relstorage>
        </zodb>
        """
        dbs = [
            ZODB.config.databaseFromString(
                conf.format(blobdir=self.tmp / f"raw-blobs-{i}")
            )
            for i in range(2)
        ]
        managers = [transaction.TransactionManager() for _ in dbs]
        try:
            pairs = zip(dbs, managers, strict=True)
            connections = [db.open(transaction_manager=tm) for db, tm in pairs]
            docs = [
                c.root()["Application"]["Plone"]["en"][raced.split("/")[1]]
                for c in connections
            ]
            docs[0].title = "first"
            docs[1].title = "second"
            managers[0].commit()
            with self.assertRaises(ZODB.POSException.ConflictError):
                managers[1].commit()
            managers[1].abort()
        finally:
            for db in dbs:
                db.close()
        self.assertEqual(self.rest("b", "GET", raced).json()["title"], "first")
