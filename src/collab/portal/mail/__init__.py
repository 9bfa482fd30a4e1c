"""Mail, shared by every feature that sends it (following today; mailings
and invitations next): nothing here imports a feature.

- ``outbox``: ``Outbox``, ``queue_message`` for a batch of thousands
  (what is the same for every message looked up once);
- ``send``: ``queue_message`` (queued at commit, CRLF, the site's
  ``sender()``, List-Unsubscribe), ``warn_once``;
- ``queue``: can mail be queued now? (``check_mail``, ``queue_problem``;
  completes an empty queue folder into a maildir);
- ``retry``: lets the queue retry mail a failed delivery left behind;
- ``keepalive``: the site's queue thread (``start_queue_thread``), which
  has ``courier`` send the queue in a process of its own, through
  ``mailer``'s SMTP connection kept from one message to the next;
- ``settings``: Site Setup: Mail reaches the running queue thread at once;
- ``startup``: the queue of every site is checked when Zope starts;
- ``browser``: the control panels say when mail cannot leave;
- ``tasks``: the clock's per-tick work (check, sync, retry);
- ``outcomes``: what became of a queued message (waiting, refused with the
  server's answer, or sent);
- ``batches`` and ``delivery``: one message per recipient, exactly once,
  with a per-recipient delivery log, for any feature (a recipients
  adapter and a compose callable; mailings now, invitations next).

The names below are loaded when first asked for (PEP 562): the sending
process imports ``mail.courier`` without Plone, which this package's
imports would otherwise load.
"""

import importlib


PARTS = {
    "CRLF": "send",
    "Outbox": "outbox",
    "UnsendableMessage": "send",
    "ascii_address": "send",
    "attachment_parts": "send",
    "check_mail": "queue",
    "ensure_maildir": "queue",
    "header_text": "send",
    "is_maildir": "queue",
    "mail_outage": "queue",
    "outage_message": "queue",
    "queue_message": "send",
    "queue_outcomes": "outcomes",
    "queue_problem": "queue",
    "release_from_tmp": "outcomes",
    "release_failed_sends": "retry",
    "sender": "send",
    "waiting_in_tmp": "outcomes",
    "warn_once": "send",
}

__all__ = sorted(PARTS)


def __getattr__(name):
    part = PARTS.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{part}"), name)
