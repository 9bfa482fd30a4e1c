"""Personal tokens: issued once and kept only as a hash, scoped to one
purpose and subject, expiring, revocable, rate-limited, audited."""

from collab.portal import tokens
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
import unittest


class TestPersonalTokens(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)

    def test_issued_token_is_random_and_stored_as_hash_only(self):
        first = tokens.issue("purpose", "subject-a", 30)
        second = tokens.issue("purpose", "subject-a", 30)
        self.assertNotEqual(first, second)
        self.assertGreaterEqual(len(first), 43)  # 32 bytes, base64url
        store = IAnnotations(api.portal.get())[tokens.STORE_KEY]
        stored = repr([vars(r) for r in store.by_digest.values()])
        self.assertNotIn(first, stored)
        self.assertEqual(tokens.check("purpose", "subject-a", first).uses, 0)

    def test_scope_purpose_and_subject(self):
        token = tokens.issue("purpose", "subject-a", 30)
        for purpose, subject in (("purpose", "subject-b"), ("other", "subject-a")):
            with self.assertRaises(Forbidden):
                tokens.check(purpose, subject, token)

    def test_tampered_and_malformed_candidates_refused(self):
        token = tokens.issue("purpose", "subject-a", 30)
        flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
        for candidate in (flipped, token + "x", "", None, 42, ["x"], "x" * 5000):
            with self.assertRaises(Forbidden, msg=repr(candidate)[:40]):
                tokens.check("purpose", "subject-a", candidate)

    def test_expiry(self):
        issued = datetime.now(UTC) - timedelta(days=31)
        token = tokens.issue("purpose", "subject-a", 30, at=issued)
        with self.assertRaises(Forbidden):
            tokens.check("purpose", "subject-a", token)
        record = tokens.tokens_of("purpose", "subject-a")[0]
        self.assertEqual(record.state(), "expired")
        self.assertEqual(record.state(issued + timedelta(days=29)), "valid")

    def test_revoke_and_audit(self):
        token = tokens.issue("purpose", "subject-a", 30, actor="secretariat")
        record = tokens.check("purpose", "subject-a", token)
        tokens.record_use(record, "details-updated", "contact:x", fields=["phone"])
        self.assertEqual(tokens.revoke(record.token_id, actor="admin"), record)
        with self.assertRaises(Forbidden):
            tokens.check("purpose", "subject-a", token)
        audit = record.as_dict()["audit"]
        self.assertEqual(
            [(e["action"], e["by"]) for e in audit],
            [
                ("issued", "secretariat"),
                ("details-updated", "contact:x"),
                ("revoked", "admin"),
            ],
        )
        self.assertEqual(audit[1]["fields"], ["phone"])
        self.assertNotIn("digest", record.as_dict())
        self.assertIsNone(tokens.revoke("no-such-id"))

    def test_refusals_are_limited_per_client_never_the_holder(self):
        token = tokens.issue("purpose", "subject-a", 30)
        for _attempt in range(tokens.MAX_FAILURES):
            with self.assertRaises(Forbidden):
                tokens.check("purpose", "subject-a", "guess" * 8, client="10.0.0.9")
        with self.assertRaises(tokens.TooManyRequests):
            tokens.check("purpose", "subject-a", "guess" * 8, client="10.0.0.9")
        # Another client is not limited by the guesser, on any subject,
        # and the right token passes wherever it comes from.
        with self.assertRaises(Forbidden) as refused:
            tokens.check("purpose", "subject-a", "guess" * 8, client="10.0.0.1")
        self.assertNotIsInstance(refused.exception, tokens.TooManyRequests)
        self.assertEqual(tokens.check("purpose", "subject-a", token).uses, 0)
        for client in ("10.0.0.1", "10.0.0.9", None):
            tokens.check("purpose", "subject-a", token, client=client)

    def test_ipv6_clients_are_counted_by_their_64(self):
        for host in range(tokens.MAX_FAILURES):
            with self.assertRaises(Forbidden):
                tokens.check("purpose", "s", "guess" * 8, client=f"2001:db8::{host}")
        with self.assertRaises(tokens.TooManyRequests):
            tokens.check("purpose", "s", "guess" * 8, client="2001:db8::ffff:1")
        self.assertEqual(tokens.client_key("::ffff:10.0.0.9"), "10.0.0.9")

    def test_a_flood_of_addresses_does_not_empty_the_table(self):
        attempts = tokens._Attempts(max_clients=3)
        for _attempt in range(tokens.MAX_FAILURES):
            attempts.fail("guesser")
        for client in ("a", "b"):
            attempts.fail(client)
        self.assertTrue(attempts.exceeded("guesser"))
        attempts.fail("guesser")  # still guessing: the most recent again
        for client in ("c", "d"):
            attempts.fail(client)  # only the oldest others go
        self.assertEqual(list(attempts.failures), ["guesser", "c", "d"])
        self.assertTrue(attempts.exceeded("guesser"))

    def test_refusals_are_logged_on_one_line_each(self):
        with (
            self.assertLogs("collab.portal.tokens", "WARNING") as logged,
            self.assertRaises(Forbidden),
        ):
            tokens.check(
                "purpose",
                "x\n2026-01-01 INFO [Zope] admin logged in\r",
                "guess" * 8,
                client="10.0.0.7\nforged",
            )
        (line,) = [record.getMessage() for record in logged.records]
        self.assertNotIn("\n", line)
        self.assertNotIn("\r", line)
        self.assertIn("x\\n2026-01-01", line)

    def test_purge_forgets_old_tokens(self):
        old = datetime.now(UTC) - timedelta(days=400)
        tokens.issue("purpose", "subject-a", 30, at=old)
        keep = tokens.issue("purpose", "subject-a", 30)
        before = datetime.now(UTC) - timedelta(days=90)
        self.assertEqual(tokens.purge_expired(before), 1)
        self.assertEqual(len(tokens.tokens_of("purpose", "subject-a")), 1)
        tokens.check("purpose", "subject-a", keep)
