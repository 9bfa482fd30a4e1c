"""Mail, shared by every feature that sends it (following today; mailings
and invitations next): nothing here imports a feature.

- ``outbox``: ``Outbox``, ``queue_message`` for a batch of thousands
  (what is the same for every message looked up once);
- ``send``: ``queue_message`` (queued at commit, CRLF, the site's
  ``sender()``, List-Unsubscribe), ``warn_once``;
- ``queue``: can mail be queued now? (``check_mail``, ``queue_problem``;
  completes an empty queue folder into a maildir);
- ``retry``: lets the queue retry mail a failed delivery left behind;
- ``keepalive``: the queue thread that sends on one SMTP connection
  (``start_queue_thread``);
- ``settings``: Site Setup: Mail reaches the running queue thread at once;
- ``startup``: the queue of every site is checked when Zope starts;
- ``browser``: the control panels say when mail cannot leave;
- ``tasks``: the clock's per-tick work (check, sync, retry);
- ``outcomes``: what became of a queued message (waiting, refused with the
  server's answer, or sent).
"""

from collab.portal.mail.outbox import Outbox
from collab.portal.mail.outcomes import install_answer_recorder
from collab.portal.mail.outcomes import queue_outcomes
from collab.portal.mail.outcomes import release_from_tmp
from collab.portal.mail.outcomes import waiting_in_tmp
from collab.portal.mail.queue import check_mail
from collab.portal.mail.queue import ensure_maildir
from collab.portal.mail.queue import is_maildir
from collab.portal.mail.queue import queue_problem
from collab.portal.mail.retry import release_failed_sends
from collab.portal.mail.send import attachment_parts
from collab.portal.mail.send import CRLF
from collab.portal.mail.send import queue_message
from collab.portal.mail.send import sender
from collab.portal.mail.send import warn_once


install_answer_recorder()

__all__ = [
    "CRLF",
    "Outbox",
    "attachment_parts",
    "check_mail",
    "ensure_maildir",
    "is_maildir",
    "queue_message",
    "queue_outcomes",
    "queue_problem",
    "release_from_tmp",
    "release_failed_sends",
    "sender",
    "waiting_in_tmp",
    "warn_once",
]
