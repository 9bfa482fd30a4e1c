"""Two writers of the same batch at the same moment (what two instances
ticking at once do), made deterministic: each in its own thread and
database connection, both write the batch, one commits, the other's
commit conflicts and aborts, and its messages never reach the queue."""

from collab.portal.contacts.delivery import delivery_log
from collab.portal.contacts.sending import write_batch
from contacts.mailing_helpers import MailingTestCase
from portal_helpers import queued
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
import os
import threading
import transaction


class TestTwoWritersOfOneBatch(MailingTestCase):
    def writer(self, written, release, outcome):
        """A second instance: writes the batch, waits, then commits."""
        connection = self.layer["zodbDB"].open()
        try:
            site = connection.root()["Application"]["plone"]
            setSite(site)
            mailing = site.unrestrictedTraverse("contacts/mailing")
            write_batch(mailing, delivery_log(mailing))
            written.set()
            release.wait(30)
            try:
                transaction.commit()
                outcome.append("committed")
            except ConflictError:
                transaction.abort()
                outcome.append("conflict")
        finally:
            setSite(None)
            transaction.abort()
            connection.close()

    def test_second_writer_conflicts_and_sends_nothing(self):
        self.send()
        self.clock()  # notes the recipients, writes the one batch
        self.delivered(2)
        self.mailbox.clear()
        # Both write the failed ones again at once.
        transaction.begin()
        log = delivery_log(self.mailing)
        for key, record in log.records.items():
            record.set_status("pending")
            log.pending.add(key)
        log.state = "sending"
        transaction.commit()

        written, release, outcome = threading.Event(), threading.Event(), []
        other = threading.Thread(target=self.writer, args=(written, release, outcome))
        other.start()
        self.assertTrue(written.wait(30))
        transaction.begin()
        log = delivery_log(self.mailing)
        write_batch(self.mailing, log)
        transaction.commit()
        release.set()
        other.join(30)
        self.assertEqual(outcome, ["conflict"])
        self.assertEqual(len(self.delivered(2)), 2)
        self.assertEqual(queued(self.queue), [])
        self.assertEqual(os.listdir(os.path.join(self.queue, "tmp")), [])
