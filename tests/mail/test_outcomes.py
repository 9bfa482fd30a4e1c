"""What the queue says of a message is written where it happens: the
sender records the server's answer beside the message, keyed by its
``Message-Id`` (no log text is parsed), and one reader in ``outcomes``
reads the answers and deferrals (issue 21)."""

from collab.portal.mail import handover
from collab.portal.mail import outcomes
import json
import logging
import os
import tempfile
import time
import unittest


MESSAGE = (
    b"X-Zope-From: secretariat@example.org\n"
    b"X-Zope-To: ana@example.org\n"
    b"Message-Id: <abc.1@mailing.collab>\r\nSubject: S\r\n\r\nBody\r\n"
)


class TestOutcomes(unittest.TestCase):
    def setUp(self):
        self.queue = tempfile.mkdtemp()
        for folder in ("new", "cur", "tmp"):
            os.mkdir(os.path.join(self.queue, folder))
        self.message = os.path.join(self.queue, "new", "1.msg")
        with open(self.message, "wb") as message_file:
            message_file.write(MESSAGE)

    def tearDown(self):
        for folder in ("new", "cur", "tmp"):
            directory = os.path.join(self.queue, folder)
            for name in os.listdir(directory):
                os.unlink(os.path.join(directory, name))
            os.rmdir(directory)
        os.rmdir(self.queue)

    def test_a_refusal_keeps_the_answer_keyed_by_message_id(self):
        found = outcomes.queue_outcomes(self.queue)
        self.assertEqual(found, {"abc.1@mailing.collab": ("queued", "")})
        handover.refuse(self.message, "550 5.1.1 No such mailbox here")
        self.assertFalse(os.path.exists(self.message))
        with open(os.path.join(self.queue, "new", ".answer-1.msg")) as answer:
            self.assertEqual(
                json.load(answer),
                {
                    "message_id": "abc.1@mailing.collab",
                    "answer": "550 5.1.1 No such mailbox here",
                },
            )
        self.assertEqual(
            outcomes.queue_outcomes(self.queue),
            {"abc.1@mailing.collab": ("failed", "550 5.1.1 No such mailbox here")},
        )

    def test_no_log_handler_reads_answers(self):
        for name in ("QueueProcessorThread", "zope.sendmail.queue"):
            handlers = logging.getLogger(name).handlers
            self.assertFalse(
                [h for h in handlers if "Answer" in type(h).__name__], handlers
            )

    def test_one_reader_of_deferrals(self):
        sender = handover.Handover()
        now = time.time()
        sender.defer(self.message, 451, "451 4.7.1 Greylisted", now)
        noted = outcomes.deferral(self.message)
        self.assertEqual(noted["answer"], "451 4.7.1 Greylisted")
        self.assertFalse(handover.due(self.message, now))
        self.assertEqual(
            outcomes.queue_outcomes(self.queue),
            {"abc.1@mailing.collab": ("queued", "451 4.7.1 Greylisted")},
        )
        self.assertIs(handover.read_json, outcomes.read_json)
        self.assertFalse(hasattr(outcomes, "deferred_answer"))
