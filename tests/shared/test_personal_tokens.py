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

    def test_brute_force_is_limited_even_for_the_right_token(self):
        token = tokens.issue("purpose", "subject-a", 30)
        for _attempt in range(tokens.MAX_FAILURES):
            with self.assertRaises(Forbidden):
                tokens.check("purpose", "subject-a", "guess" * 8, client="10.0.0.9")
        with self.assertRaises(tokens.TooManyRequests):
            tokens.check("purpose", "subject-a", token, client="10.0.0.1")
        # The same client is limited on every subject too.
        other = tokens.issue("purpose", "subject-b", 30)
        with self.assertRaises(tokens.TooManyRequests):
            tokens.check("purpose", "subject-b", other, client="10.0.0.9")
        self.assertEqual(tokens.check("purpose", "subject-b", other).uses, 0)

    def test_purge_forgets_old_tokens(self):
        old = datetime.now(UTC) - timedelta(days=400)
        tokens.issue("purpose", "subject-a", 30, at=old)
        keep = tokens.issue("purpose", "subject-a", 30)
        before = datetime.now(UTC) - timedelta(days=90)
        self.assertEqual(tokens.purge_expired(before), 1)
        self.assertEqual(len(tokens.tokens_of("purpose", "subject-a")), 1)
        tokens.check("purpose", "subject-a", keep)
