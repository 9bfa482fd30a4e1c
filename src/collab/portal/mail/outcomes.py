"""What became of queued messages: still waiting, refused, or gone (sent).

zope.sendmail's queue thread keeps no record a sender could ask: a sent
message's file is removed; one the SMTP server refused for good (a 5xx
answer, or every recipient refused) is kept as a ``.rejected-<name>`` link
beside it, and the server's answer only goes to the log. This module is the
one place that reads and writes what the queue says of a message:

- ``record_answer``: the sender (``handover``, in the courier and the
  queue thread) keeps the server's answer where it gets it, in
  ``.answer-<name>`` beside the message, with the message's
  ``Message-Id``; nothing parses log texts;
- ``read_json``: the one reader of the queue's JSON notes (answers,
  deferrals, the outage);
- ``queue_outcomes(path)`` reads the queue's files once and maps each
  ``Message-Id`` found to ``("queued", "")`` or ``("failed", answer)``;
- ``waiting_in_tmp``/``release_from_tmp``: a message whose transaction
  committed in the database but whose process died before zope.sendmail
  moved it from ``tmp/`` to ``new/`` (the two commits cannot be one) is
  moved by the sender that knows it was committed;
- ``clean_litter``: what kills and refusals leave in the queue (the
  half-written files of batches that never committed, refused messages
  and their answers, marks whose message is gone) is removed after a set
  age, and each file's ``Message-Id`` is read once and remembered by
  name, so a tick costs a listing, not a read of every file.

A message a sender queued that is in none of these is sent.

Shared: imports no feature; only the standard library, so that the
sending process (``mail.courier``) loads it without Plone.
"""

from email.parser import BytesHeaderParser
import json
import os
import time


REJECTED = ".rejected-"
ANSWER = ".answer-"
DEFERRED = ".deferred-"  # mail.handover: "try later", and the last answer
HEAD_BYTES = 8192
# Half-written batches in tmp/ (a step that never committed): a committed
# one is moved out by the next tick's follow-up, long before this.
TMP_KEPT_SECONDS = 2 * 24 * 60 * 60
# But a batch that committed just before its process died waits in tmp/
# for that follow-up, however old it is once an instance down for days
# starts again: tmp/ is not cleaned in a process's first minutes, while
# its ticks move such files out.
TMP_GRACE_SECONDS = 10 * 60
PROCESS_STARTED = time.time()
# Refused messages and their answers: the follow-up reads them within a
# minute; kept a week for whoever looks into the queue.
REFUSED_KEPT_SECONDS = 7 * 24 * 60 * 60
# A claim, handover or deferral mark whose message is gone.
ORPHAN_KEPT_SECONDS = 60 * 60

# path -> Message-Id, by folder set; names in a maildir are never reused.
_message_ids = {}


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


def message_ids(path, folders, names=None):
    """``{file path: Message-Id}`` of the files in ``folders`` (those whose
    name ``names(name)`` accepts), each file read once in its life."""
    key = (path, folders)
    known = _message_ids.get(key, {})
    found = {}
    for directory, name in queue_files(path, folders):
        if names is not None and not names(name):
            continue
        filename = os.path.join(directory, name)
        found[filename] = known.get(filename) or message_id_of(filename)
    _message_ids[key] = found
    return found


def read_json(filename):
    """A JSON note of the queue, or None (missing, or being replaced)."""
    try:
        with open(filename) as data:
            return json.load(data)
    except (OSError, ValueError):
        return None


def write_json(filename, value):
    """Written whole or not at all (rename), as a reader may look now."""
    partial = filename + ".partial"
    with open(partial, "w") as data:
        json.dump(value, data)
    os.replace(partial, filename)


def record_answer(filename, answer):
    """Keep the server's ``answer`` to the message at ``filename`` in a
    file beside it (found by the message's file name), with the
    message's ``Message-Id``."""
    head, tail = os.path.split(filename)
    write_json(
        os.path.join(head, ANSWER + tail),
        {"message_id": message_id_of(filename), "answer": answer},
    )


def recorded_answer(filename):
    """The answer ``record_answer`` kept beside ``filename`` (a refused
    message's link or the message), "" if none."""
    head, tail = os.path.split(filename)
    if tail.startswith(REJECTED):
        tail = tail[len(REJECTED) :]
    found = read_json(os.path.join(head, ANSWER + tail))
    return found.get("answer", "") if isinstance(found, dict) else ""


def deferral(filename):
    """``{"first", "tries", "next", "answer"}`` of a message the server
    told to try later (``handover.Handover.defer``), or None."""
    head, tail = os.path.split(filename)
    found = read_json(os.path.join(head, DEFERRED + tail))
    return found if isinstance(found, dict) else None


def is_message_or_refused(name):
    return name.startswith(REJECTED) or not name.startswith(".")


def queue_outcomes(path):
    """``{message_id: (status, answer)}`` for every message still in the
    queue at ``path`` ("queued", with the answer of a "try later") or
    refused there ("failed")."""
    outcomes = {}
    found = message_ids(path, ("new", "cur"), is_message_or_refused)
    for filename, message_id in found.items():
        if not message_id:
            continue
        directory, name = os.path.split(filename)
        if name.startswith(REJECTED):
            outcomes[message_id] = ("failed", recorded_answer(filename) or "5xx")
        elif message_id not in outcomes:
            noted = deferral(filename)
            outcomes[message_id] = ("queued", noted.get("answer", "") if noted else "")
    return outcomes


def waiting_in_tmp(path):
    """``{message_id: file path}`` of the messages in ``tmp/``."""
    found = message_ids(path, ("tmp",))
    return {message_id: name for name, message_id in found.items() if message_id}


def clean_litter(path, now):
    """Remove what is no longer any sender's: files in ``tmp/`` older than
    ``TMP_KEPT_SECONDS``, refused messages and their answers older than
    ``REFUSED_KEPT_SECONDS``, marks of a message that is gone. Returns how
    many files went."""
    removed = 0
    for directory, name in queue_files(path, ("new", "cur", "tmp")):
        filename = os.path.join(directory, name)
        if os.path.basename(directory) == "tmp":
            if now - PROCESS_STARTED < TMP_GRACE_SECONDS:
                continue
            kept = TMP_KEPT_SECONDS
        elif name.startswith((REJECTED, ANSWER)):
            kept = REFUSED_KEPT_SECONDS
        elif name.startswith(".") and "-" in name:
            message = os.path.join(directory, name.split("-", 1)[1])
            if os.path.exists(message):
                continue
            kept = ORPHAN_KEPT_SECONDS
        else:
            continue
        try:
            if os.lstat(filename).st_mtime < now - kept:
                os.unlink(filename)
                removed += 1
        except OSError:
            continue
    return removed


def release_from_tmp(path, filename):
    """Move a committed message from ``tmp/`` to ``new/``, as zope.sendmail
    would have done at commit; True if it was moved."""
    try:
        os.rename(filename, os.path.join(path, "new", os.path.basename(filename)))
    except OSError:
        return False
    return True
