"""Scale-out: one site on RelStorage/PostgreSQL served by two Zope instances.

A real PostgreSQL is started by the layer; two ``runwsgi`` processes serve
the same database. What one writes (an object and a blob) the other reads
right after the commit; a conflicting write is resolved by Zope's retry or
reported, never lost silently; comments posted on both at once are all
kept and counted.
"""

from collab.portal.testing import RELSTORAGE_CLUSTER
from datetime import datetime
from datetime import timedelta
from datetime import UTC
import base64
import concurrent.futures
import csv
import io
import os
import requests
import unittest
import uuid


ADMIN = ("admin", "admin")
PASSWORD = "secret-password-1"


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

    def test_comments_posted_on_both_instances_at_once_are_all_kept(self):
        """Members post and reply to one group through both instances at
        the same time: the comment engine's storage, counters and rate
        history commit (or conflict and are retried) on RelStorage, and
        every comment that was accepted is kept and counted, once."""
        group = self.open_group()
        members = [f"poster{n}-{self.suffix}" for n in range(6)]
        for n, login in enumerate(members):
            created = self.rest(
                "a",
                "POST",
                "@users",
                json={
                    "username": login,
                    "email": f"{login}@example.org",
                    "password": PASSWORD,
                    "roles": ["Member"],
                    "country": "KE" if n % 2 else "MX",
                },
            )
            self.assertEqual(created.status_code, 201, created.text)
        root = self.post("a", members[0], f"{group}/@comments", "Root comment.")
        self.assertEqual(root.status_code, 204, root.text)
        root_id = self.comment_ids(group)["Root comment."][0]

        def post(job):
            n, login = job
            name = "ab"[n % 2]
            target = f"{group}/@comments" + (f"/{root_id}" if n % 3 == 0 else "")
            text = f"{'Reply' if n % 3 == 0 else 'Comment'} {n} by {login} on {name}."
            return text, login, self.post(name, login, target, text).status_code

        jobs = [(n, login) for n in range(4) for login in members]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(post, [(i, j[1]) for i, j in enumerate(jobs)]))
        accepted = {text: login for text, login, status in results if status == 204}
        refused = [r for r in results if r[2] != 204]
        # A request that did not take effect says so; none is lost silently.
        self.assertTrue(all(status >= 400 for _, _, status in refused), refused)
        self.assertGreater(len(accepted), len(results) // 2, results)
        for name in ("a", "b"):
            with self.subTest(instance=name):
                kept = self.comment_ids(group, name)
                self.assertEqual(sorted(kept), sorted([*accepted, "Root comment."]))
                for text, (_, reply_to) in kept.items():
                    self.assertEqual(reply_to == root_id, text.startswith("Reply"))
                counted = self.rest(name, "GET", f"{group}/@participation").json()
                self.assertEqual(counted["comments"], len(accepted) + 1)
                self.assertEqual(
                    counted["participants"], len({members[0], *accepted.values()})
                )
                listed = self.rest(name, "GET", f"{group}/@comments").json()
                self.assertEqual(listed["items_total"], len(accepted) + 1)

    def open_group(self):
        """A published forum holding a group open for comments now."""
        now = datetime.now(UTC)
        forum_id = f"forum-{self.suffix}"
        for path, data in (
            ("en", {"@type": "Forum", "id": forum_id}),
            (f"en/{forum_id}", {"@type": "DiscussionGroup", "id": "group"}),
        ):
            created = self.rest(
                "a",
                "POST",
                path,
                json={
                    **data,
                    "title": data["id"],
                    "opens": (now - timedelta(days=1)).isoformat(),
                    "closes": (now + timedelta(days=5)).isoformat(),
                },
            )
            self.assertEqual(created.status_code, 201, created.text)
        for path, transition in (
            (forum_id, "publish"),
            (f"{forum_id}/group", "schedule"),
            (f"{forum_id}/group", "open"),
        ):
            done = self.rest("a", "POST", f"en/{path}/@workflow/{transition}")
            self.assertEqual(done.status_code, 200, done.text)
        return f"en/{forum_id}/group"

    def post(self, name, login, path, text):
        return requests.post(
            f"{self.urls[name]}/{path}",
            headers={"Accept": "application/json"},
            auth=(login, PASSWORD),
            json={"text": text},
            timeout=120,
        )

    def comment_ids(self, group, name="a"):
        """``{text: (id, reply to)}`` of every comment of ``group``, from the
        comment export of instance ``name``."""
        response = requests.get(
            f"{self.urls[name]}/{group}/@@export-comments",
            params={"format": "csv"},
            auth=ADMIN,
            timeout=120,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        texts = [row["Text"] for row in rows]
        self.assertEqual(len(texts), len(set(texts)), texts)
        return {row["Text"]: (row["Comment"], row["Reply to"]) for row in rows}
