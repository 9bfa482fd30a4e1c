"""What became of queued messages: still waiting, refused, or gone (sent).

zope.sendmail's queue thread keeps no record a sender could ask: a sent
message's file is removed; one the SMTP server refused for good (a 5xx
answer, or every recipient refused) is kept as a ``.rejected-<name>`` link
beside it, and the server's answer only goes to the log. This module is the
one place that reads those library details:

- ``AnswerRecorder``, a logging handler on the queue thread's logger,
  writes the server's answer of a refusal into ``.answer-<name>`` beside
  the message (the handler runs inside the thread's ``except`` block, so
  the exception with its code and text is at hand);
- ``queue_outcomes(path)`` reads the queue's files once and maps each
  ``Message-Id`` found to ``("queued", "")`` or ``("failed", answer)``;
- ``waiting_in_tmp``/``release_from_tmp``: a message whose transaction
  committed in the database but whose process died before zope.sendmail
  moved it from ``tmp/`` to ``new/`` (the two commits cannot be one) is
  moved by the sender that knows it was committed.

A message a sender queued that is in none of these is sent.

Shared: imports no feature; only the standard library, so that the
sending process (``mail.courier``) loads it without Plone.
"""

from email.parser import BytesHeaderParser
import logging
import os
import sys


QUEUE_LOGGER = "QueueProcessorThread"
REJECTED = ".rejected-"
ANSWER = ".answer-"
HEAD_BYTES = 8192


def queue_files(path, folders=("new", "cur")):
    """``(folder, file name)`` of every file in the queue's ``folders``;
    a folder that cannot be read holds none."""
    for folder in folders:
        directory = os.path.join(path, folder)
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            yield directory, name


def smtp_answer(error):
    """The server's answer in an SMTP exception, as ``"550 text"``."""
    recipients = getattr(error, "recipients", None)
    if isinstance(recipients, dict) and recipients:
        error = next(iter(recipients.values()))
        code, text = error
    else:
        code = getattr(error, "smtp_code", None)
        text = getattr(error, "smtp_error", None)
        if code is None:
            return str(error)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


class AnswerRecorder(logging.Handler):
    """Keeps the answer of each permanent refusal beside the message."""

    def emit(self, record):
        if record.levelno < logging.ERROR or not record.args:
            return
        if record.msg.startswith("Discarding email"):
            filename = record.args[2]
        elif record.msg.startswith("Email recipients refused"):
            filename = record.args[0]
        else:
            return
        error = sys.exc_info()[1]
        answer = smtp_answer(error) if error is not None else record.getMessage()
        head, tail = os.path.split(filename)
        try:
            with open(os.path.join(head, ANSWER + tail), "w") as answer_file:
                answer_file.write(answer)
        except OSError:
            pass


def install_answer_recorder():
    """Once per process."""
    logger = logging.getLogger(QUEUE_LOGGER)
    if not any(isinstance(handler, AnswerRecorder) for handler in logger.handlers):
        logger.addHandler(AnswerRecorder())


def message_id_of(path):
    """The ``Message-Id`` (without brackets) of a queued file, or None."""
    try:
        with open(path, "rb") as message_file:
            head = message_file.read(HEAD_BYTES)
    except OSError:
        return None
    # zope.sendmail's two first lines are its own envelope.
    headers = BytesHeaderParser().parsebytes(head.split(b"\n", 2)[-1])
    value = headers.get("Message-Id") or ""
    return value.strip().strip("<>") or None


def queue_outcomes(path):
    """``{message_id: (status, answer)}`` for every message still in the
    queue at ``path`` ("queued") or refused there ("failed")."""
    outcomes = {}
    for directory, name in queue_files(path):
        if name.startswith(REJECTED):
            message_id = message_id_of(os.path.join(directory, name))
            tail = name[len(REJECTED) :]
            try:
                with open(os.path.join(directory, ANSWER + tail)) as answer:
                    text = answer.read()
            except OSError:
                text = ""
            if message_id:
                outcomes[message_id] = ("failed", text or "5xx")
        elif not name.startswith("."):
            message_id = message_id_of(os.path.join(directory, name))
            if message_id and message_id not in outcomes:
                outcomes[message_id] = ("queued", "")
    return outcomes


def waiting_in_tmp(path):
    """``{message_id: file path}`` of the messages in ``tmp/``."""
    found = {}
    for directory, name in queue_files(path, ("tmp",)):
        message_id = message_id_of(os.path.join(directory, name))
        if message_id:
            found[message_id] = os.path.join(directory, name)
    return found


def release_from_tmp(path, filename):
    """Move a committed message from ``tmp/`` to ``new/``, as zope.sendmail
    would have done at commit; True if it was moved."""
    try:
        os.rename(filename, os.path.join(path, "new", os.path.basename(filename)))
    except OSError:
        return False
    return True
