"""``kill -9`` of a started site (``make start``'s way) while six guests
comment on the demo draft from their personal links: every comment the
server acknowledged is kept after the restart, and none is stored twice
(issue 22, "Faults")."""

from collab.portal.drafts.demo import demo_data
from collab.portal.testing import STARTED_SITE
from contacts.slow_mailing_helpers import call
from contacts.slow_mailing_helpers import session
from drafts.round_helpers import guest_cookie
import collections
import os
import requests
import signal
import threading
import time
import unittest


GUESTS = 6


class TestKilledWhileGuestsComment(unittest.TestCase):
    layer = STARTED_SITE

    def test_kill_9_keeps_every_acknowledged_comment_once(self):
        http = session(self.layer["url"])
        # The rate limit (5 a minute per author) has its own tests.
        limit = {"collab.portal.comments_per_minute": 1000}
        call(http, "PATCH", "@registry", json=limit)
        self.addCleanup(
            lambda: call(
                session(self.layer["url"]),
                "PATCH",
                "@registry",
                json={"collab.portal.comments_per_minute": 5},
            )
        )
        draft = f"en/{demo_data()['id']}"
        url = f"{http.base}/{draft}"
        contacts = call(http, "GET", f"{draft}/@coverage")["contacts"][:GUESTS]
        self.assertEqual(len(contacts), GUESTS)
        cookies = [
            guest_cookie(
                call(http, "POST", f"{draft}/@tokens", json={"contact": c["uid"]})[
                    "url"
                ]
            )
            for c in contacts
        ]
        acknowledged = collections.defaultdict(list)
        statuses = collections.defaultdict(collections.Counter)
        stop = threading.Event()

        def comment(number, cookie):
            sent = 0
            while not stop.is_set():
                text = f"Guest {number}, comment {sent}."
                sent += 1
                try:
                    response = requests.post(
                        f"{url}/@comments",
                        json={"text": text},
                        headers={
                            "Cookie": f"collab_guest={cookie}",
                            "Accept": "application/json",
                        },
                        timeout=30,
                    )
                except requests.RequestException:
                    return  # the server is gone: no retry, nothing acknowledged
                statuses[number][response.status_code] += 1
                if response.status_code == 204:
                    acknowledged[number].append(text)

        threads = [
            threading.Thread(target=comment, args=(number, cookie))
            for number, cookie in enumerate(cookies)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < GUESTS or sum(map(len, acknowledged.values())) < 30:
            self.assertLess(time.monotonic(), deadline, "too few comments")
            time.sleep(0.05)
        os.kill(self.layer.process.pid, signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(60)
        self.layer["restart"]()

        stored = collections.Counter()
        page = f"{url}/@comments?b_size=100"
        while page:
            answer = requests.get(
                page,
                auth=("admin", "admin"),
                headers={"Accept": "application/json"},
                timeout=30,
            )
            answer.raise_for_status()
            data = answer.json()
            stored.update(item["text"]["data"] for item in data["items"])
            page = (data.get("batching") or {}).get("next")
        twice = [text for text, count in stored.items() if count > 1]
        self.assertEqual(twice, [])
        sent = [text for texts in acknowledged.values() for text in texts]
        self.assertGreaterEqual(len(sent), 30)
        self.assertEqual([text for text in sent if text not in stored], [])
        self.assertEqual(len(acknowledged), GUESTS, dict(statuses))
