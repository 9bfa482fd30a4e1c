"""Writing a mailing gives way to the pages being served (``pace``): the
writer waits while another thread serves a young request, not for long
ones, and calls it before each message it writes."""

from collab.portal import pace
from collab.portal.mail import batches
from contacts.mailing_helpers import MailingTestCase
from unittest import mock
import threading
import time
import unittest


def serve(seconds, started=None):
    """A request served by another thread for ``seconds``."""
    ready = threading.Event()

    def request():
        pace.request_started(None)
        if started is not None:
            pace._serving[threading.get_ident()] = started
        ready.set()
        time.sleep(seconds)
        pace.request_ended(None)

    thread = threading.Thread(target=request)
    thread.start()
    ready.wait(5)
    return thread


class TestGiveWay(unittest.TestCase):
    def test_waits_for_a_young_request_of_another_thread(self):
        thread = serve(0.3)
        waited = pace.give_way()
        thread.join()
        self.assertGreater(waited, 0.2)
        self.assertLess(waited, 1.5)

    def test_no_wait_without_requests_or_for_its_own(self):
        self.assertLess(pace.give_way(), 0.05)
        pace.request_started(None)
        try:
            self.assertLess(pace.give_way(), 0.05)
        finally:
            pace.request_ended(None)

    def test_long_requests_are_not_waited_for(self):
        thread = serve(0.5, started=time.monotonic() - 5)
        try:
            self.assertLess(pace.give_way(), 0.05)
        finally:
            thread.join()


class TestWriterGivesWay(MailingTestCase):
    def test_each_message_written_gives_way_first(self):
        self.send()
        with mock.patch.object(batches, "give_way", return_value=0) as give_way:
            self.clock()
        self.assertEqual(give_way.call_count, 2)
        self.delivered(2)
