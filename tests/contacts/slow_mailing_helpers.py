"""Fixtures of the mailing tests against real server processes (a started
site, two RelStorage instances): a directory, contacts, a group and a
mailing made over REST."""

import requests
import time


def session(base, login="admin", password="admin"):
    http = requests.Session()
    http.headers["Accept"] = "application/json"
    http.auth = (login, password)
    http.base = base.rstrip("/")
    return http


def call(http, method, path, **kw):
    response = http.request(method, f"{http.base}/{path}".rstrip("/"), **kw)
    if response.status_code >= 300:
        raise AssertionError(f"{method} {path}: {response.status_code} {response.text}")
    return response.json() if response.content else None


def make_mailing_over_rest(http, folder, count, local=lambda number: "person"):
    """``/<folder>`` with ``count`` contacts in one group and a mailing to
    it; returns the mailing's path and the contacts' addresses
    (``<local(n)><n>@example.org``)."""
    directory = {"@type": "ContactDirectory", "id": folder, "title": folder}
    call(http, "POST", "", json=directory)
    addresses = []
    uids = []
    for number in range(count):
        email = f"{local(number)}{number}@example.org"
        contact = call(
            http,
            "POST",
            folder,
            json={
                "@type": "Contact",
                "id": f"person{number}",
                "given_name": f"Person{number}",
                "family_name": "Tester",
                "email": email,
                "preferred_language": "en",
            },
        )
        uids.append(contact["UID"])
        addresses.append(email)
    call(
        http,
        "POST",
        folder,
        json={
            "@type": "ContactGroup",
            "id": "everyone",
            "title": "Everyone",
            "kind": "other",
            "members": uids,
        },
    )
    group = call(http, "GET", f"{folder}/everyone")
    call(
        http,
        "POST",
        folder,
        json={
            "@type": "Mailing",
            "id": "news",
            "subject": "News for {given_name}",
            "body": "Dear {given_name} {family_name},\nthe news.",
            "recipient_groups": [group["UID"]],
        },
    )
    return f"{folder}/news", addresses


def clock_until_sent(http, mailing, timeout=300):
    """Tick until every recipient's message is queued or sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        call(http, "POST", "@clock")
        log = call(http, "GET", f"{mailing}/@delivery")
        if log["state"] in ("written", "sent"):  # all in the queue
            return log
        time.sleep(0.5)
    raise AssertionError(f"not sent in {timeout} s: {log['counts']}")


def wait_for_all(mailbox, addresses, timeout=120):
    """Every address got exactly one message (waits, then checks that no
    second copy arrives); returns the messages by address."""
    deadline = time.monotonic() + timeout
    wanted = set(addresses)
    while time.monotonic() < deadline:
        got = {rcpt.lower() for _f, rcpts, _m in mailbox.messages for rcpt in rcpts}
        if wanted <= got:
            break
        time.sleep(0.2)
    time.sleep(3)  # a second copy would show now
    received = {}
    for _from, rcpts, message in mailbox.messages:
        for rcpt in rcpts:
            received.setdefault(rcpt.lower(), []).append(message)
    return received
