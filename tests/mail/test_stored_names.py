"""Batch sending moved into ``mail/`` without moving a stored name: the
delivery logs of earlier releases were pickled as
``collab.portal.contacts.delivery.Delivery``/``DeliveryLog`` under the
annotation key ``collab.portal.contacts.delivery`` (issue 21)."""

from collab.portal.mail import delivery
import pickle
import unittest


class TestStoredNames(unittest.TestCase):
    def test_old_class_paths_load_the_classes(self):
        for name in ("Delivery", "DeliveryLog"):
            stored = f"ccollab.portal.contacts.delivery\n{name}\n.".encode()
            self.assertIs(pickle.loads(stored), getattr(delivery, name))  # noqa: S301

    def test_the_mailing_log_key_stays(self):
        from collab.portal.contacts.delivery import LOG_KEY

        self.assertEqual(LOG_KEY, "collab.portal.contacts.delivery")
