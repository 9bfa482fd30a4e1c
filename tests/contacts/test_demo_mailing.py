"""The demo ships one sent mailing with its delivery log, written as the
clock would have left it: no message is queued or sent, and no personal
link is issued for it. And a mailing read as a ghost has its title."""

from collab.portal import tokens
from collab.portal.clock import tick
from collab.portal.contacts.delivery import counts
from collab.portal.contacts.delivery import delivery_log
from collab.portal.contacts.delivery import records
from collab.portal.contacts.delivery import state_of
from collab.portal.contacts.demo import create_demo_directory
from collab.portal.contacts.demo_mailing import DEMO_MAILING
from collab.portal.contacts.demo_mailing import DEMO_MAILING_ID
from collab.portal.contacts.interfaces import ISendingMailing
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.testing import INTEGRATION_TESTING
from collab.portal.testing import MAIL_TESTING
from plone import api
from portal_helpers import queued
import time
import transaction
import unittest


class TestDemoSiteHasASentMailing(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_sent_mailing_with_its_log(self):
        directory = api.portal.get()["contacts"]
        mailing = directory[DEMO_MAILING_ID]
        focal_points = directory["national-focal-points"]
        self.assertEqual(mailing.recipient_groups[0].to_object, focal_points)
        self.assertEqual(state_of(mailing), "sent")
        log = delivery_log(mailing)
        self.assertIsNotNone(log.finished_at)
        self.assertEqual(len(log.pending), 0)
        self.assertEqual(counts(mailing)["sent"], len(focal_points.members))
        self.assertEqual(counts(mailing)["total"], len(focal_points.members))
        languages = {record.language for record in records(mailing)}
        self.assertEqual(languages, {"en", "es", "fr"})
        self.assertFalse(ISendingMailing.providedBy(mailing))
        # No live personal link was minted for mail that never left.
        for relation in focal_points.members:
            uid = relation.to_object.UID()
            self.assertEqual(tokens.tokens_of(PURPOSE, uid), [], uid)


class TestDemoMailingSendsNothing(unittest.TestCase):
    layer = MAIL_TESTING

    def test_creating_the_demo_mailing_queues_no_mail(self):
        portal = self.layer["portal"]
        mailbox, queue = self.layer["mailbox"], self.layer["mail_queue"]
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(
                portal["contacts"][DEMO_MAILING_ID], check_linkintegrity=False
            )
        transaction.commit()
        mailbox.clear()
        create_demo_directory(portal)  # makes the missing mailing again
        transaction.commit()
        mailing = portal["contacts"][DEMO_MAILING_ID]
        self.assertEqual(state_of(mailing), "sent")
        self.assertGreater(counts(mailing)["sent"], 10)
        tick()  # the clock finds nothing to send either
        transaction.commit()
        time.sleep(0.5)
        self.assertEqual(queued(queue), [])
        self.assertEqual(mailbox.messages, [])

    def test_title_of_a_ghost_mailing(self):
        mailing = self.layer["portal"]["contacts"][DEMO_MAILING_ID]
        transaction.commit()
        mailing._p_deactivate()
        self.assertEqual(mailing._p_state, -1)  # a ghost
        self.assertEqual(mailing.title, DEMO_MAILING["subject"])
        self.assertEqual(mailing.Title(), DEMO_MAILING["subject"])
