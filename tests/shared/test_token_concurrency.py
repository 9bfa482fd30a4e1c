"""Two instances sending a mailing issue personal tokens at the same
moment (one per message): both transactions commit, for different
contacts and for the same one, because the token store's indexes are
BTrees keyed by random hashes and never one shared list or counter."""

from collab.portal import tokens
from collab.portal.testing import FUNCTIONAL_TESTING
from zope.component.hooks import setSite
import threading
import transaction
import unittest


SUBJECTS = ("contact-a", "contact-b", "contact-c")


class TestConcurrentIssues(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        # The store exists, as on a site that ever sent a mailing.
        for subject in SUBJECTS:
            tokens.issue("contact-update", subject, 30)
        transaction.commit()

    def other_instance(self, issued, release, outcome):
        """Issues in its own connection, waits, then commits."""
        manager = transaction.TransactionManager()
        connection = self.layer["zodbDB"].open(transaction_manager=manager)
        try:
            setSite(connection.root()["Application"]["plone"])
            manager.begin()
            for subject in SUBJECTS:  # the same contacts as the main thread
                outcome.append(tokens.issue("contact-update", subject, 30))
            outcome.append(tokens.issue("contact-update", "contact-z", 30))
            issued.set()
            release.wait(30)
            try:
                manager.commit()
                outcome.append("committed")
            except Exception as error:  # ConflictError, reported below
                manager.abort()
                outcome.append(repr(error))
        finally:
            setSite(None)
            connection.close()

    def test_two_transactions_issue_and_both_commit(self):
        issued, release, outcome = threading.Event(), threading.Event(), []
        other = threading.Thread(
            target=self.other_instance, args=(issued, release, outcome)
        )
        other.start()
        self.assertTrue(issued.wait(30))
        transaction.begin()
        mine = [tokens.issue("contact-update", s, 30) for s in SUBJECTS]
        mine.append(tokens.issue("contact-update", "contact-y", 30))
        transaction.commit()  # first
        release.set()
        other.join(30)
        self.assertEqual(outcome[-1], "committed")
        transaction.begin()
        for subject in SUBJECTS:
            self.assertEqual(len(tokens.tokens_of("contact-update", subject)), 3)
        theirs = outcome[:-1]
        for token, subject in zip(
            mine + theirs,
            SUBJECTS + ("contact-y",) + SUBJECTS + ("contact-z",),
            strict=True,
        ):
            self.assertEqual(tokens.check("contact-update", subject, token).uses, 0)


class TestStoreOfEarlierReleases(unittest.TestCase):
    """Stores made before the tree sets kept a PersistentList per subject:
    read as they are, moved to the sets by the first issue."""

    layer = FUNCTIONAL_TESTING

    def test_old_store_read_then_moved(self):
        from persistent.list import PersistentList
        from plone import api
        from zope.annotation.interfaces import IAnnotations

        old = tokens.issue("contact-update", "contact-a", 30)
        store = IAnnotations(api.portal.get())[tokens.STORE_KEY]
        record = store.by_digest.values()[0]
        del store.subjects, store.ends  # as an earlier release made it
        store.by_subject = tokens.OOBTree(
            {("contact-update", "contact-a"): PersistentList([record.digest])}
        )
        self.assertEqual(tokens.tokens_of("contact-update", "contact-a"), [record])
        tokens.issue("contact-update", "contact-a", 30)
        self.assertFalse(hasattr(store, "by_subject"))
        self.assertEqual(len(tokens.tokens_of("contact-update", "contact-a")), 2)
        tokens.check("contact-update", "contact-a", old)
