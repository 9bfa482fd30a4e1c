"""The site's queue thread: it has the queue sent by a process of its own.

``KeepAliveQueueThread`` stands where Products.MailHost keeps its queue
thread. When its queue holds mail (it looks every ``interval`` seconds,
and at once when an ``Outbox`` batch commits; after a courier that sent
nothing, the server down or deferring, it starts the next one after a
pause growing up to ten intervals, unless new mail comes or it is woken) it
runs the courier (``mail.courier``), which sends on one kept SMTP
connection, outside this process's interpreter lock, and waits for it,
writing the courier's log lines into the instance's log. Should the
courier not start or fail, the thread sends that pass itself, as
zope.sendmail's thread does (``send_here``), so mail never stops because
of it.

This is the one module that touches Products.MailHost's internals
(``queue_threads``, ``_getThreadKey``, ``_stopQueueProcessorThread``, its
``lock``): ``queue_thread``, ``start_queue_thread``, ``wake_queue_thread``
and ``stop_queue_thread`` are what the rest of ``mail/`` uses.

Installed without patching: Products.MailHost starts a thread only for a
queue directory that has none in ``queue_threads``, so ``start_queue_thread``
registers ours there first (the outbox, ``send.queue_message``, the Mail
settings' restart and the clock's revive and sync all start it; the clock
replaces within a minute a stock thread that the ZMI's restart button or
``MailHost.send`` of Plone's own mail may have started).
"""

from collab.portal import logger
from collab.portal.mail.courier import settings_of
from collab.portal.mail.handover import Handover
from collab.portal.mail.mailer import KeepAliveMailer
from Products.MailHost.MailHost import queue_threads
from zope.sendmail.queue import QueueProcessorThread
import atexit
import json
import logging
import os
import subprocess
import sys
import threading
import time


courier_log = logging.getLogger("collab.portal.mail.courier")
COURIER = (sys.executable, "-m", "collab.portal.mail.courier")


class KeepAliveQueueThread(Handover, QueueProcessorThread):
    """zope.sendmail's queue thread that has the courier send its queue
    (and hands messages over as ``mail.handover`` does when it sends a
    pass itself)."""

    def __init__(self, interval=3.0):
        super().__init__(interval)
        self.woken = threading.Event()
        self.courier = None  # the running courier process, if any
        self.pause = None  # the wait after a pass that sent nothing

    def run(self, forever=True):
        atexit.register(self.stop)
        stuck, resume_at = set(), 0.0
        while not self._stopped:
            waiting = self.queued()
            if waiting and (waiting - stuck or time.monotonic() >= resume_at):
                self.send_pass()
                left = self.queued()
                if waiting <= left:  # nothing of it went
                    stuck = left
                    resume_at = time.monotonic() + self.next_pause()
                else:
                    stuck, self.pause = set(), None
            if self._stopped or not forever:
                break
            if self.woken.wait(self.interval):
                stuck, self.pause = set(), None  # asked to look now
            self.woken.clear()

    def next_pause(self):
        """How long a queue that sent nothing (the server down or
        deferring) waits before the next courier, unless new mail comes:
        twice the last pause, from two intervals up to ten. A courier is
        a process started, which a server down for an hour should not
        cost 1,200 times."""
        self.pause = min(2 * (self.pause or self.interval), 10 * self.interval)
        return self.pause

    def queued(self):
        """The names of the files waiting; none for a queue that cannot
        be read (``mail.queue`` reports that once; the thread looks again
        later)."""
        try:
            return set(self.maildir)
        except OSError:
            return set()

    def wake(self):
        self.woken.set()

    def stop(self):
        self._stopped = True
        self.woken.set()
        courier = self.courier
        if courier is not None and courier.poll() is None:
            courier.terminate()  # it stops after the message it sends
        super().stop()

    def send_pass(self):
        try:
            code = run_courier(self)
            if code == 0:
                return
            if code < 0:  # killed (by a signal), not broken: the next
                return  # pass runs a new one; its claim waits (mail.retry)
        except OSError:
            logger.exception("Mail: the courier could not start")
        if not self._stopped:
            self.send_here()

    def send_here(self):
        """A pass over the queue in this thread, on one connection."""
        self.send_each(sorted(self.queued()))
        self.hang_up()

    def hang_up(self):
        close = getattr(self.mailer, "close", None)
        if close is None:
            return
        try:
            close()
        except Exception:
            logger.exception("Mail: could not close the SMTP connection")


def run_courier(thread):
    """Run the courier on the thread's queue until it ends; its exit
    code. Its log lines (``LEVEL name: message``, tracebacks following)
    go into the instance's log."""
    settings = settings_of(thread.mailer, thread.maildir.path)
    # Buildout's scripts put the eggs on sys.path in code; the child gets it.
    path = os.pathsep.join(p for p in sys.path if p)
    env = dict(os.environ, PYTHONPATH=path, PYTHONIOENCODING="utf-8")
    with subprocess.Popen(
        COURIER,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        encoding="utf-8",
        errors="replace",
    ) as process:
        thread.courier = process
        try:
            try:
                with process.stdin:
                    json.dump(settings, process.stdin)
            except BrokenPipeError:
                pass  # it ended at once; its exit code says how
            level = logging.INFO
            for line in process.stderr:
                level, message = courier_line(line.rstrip("\n"), level)
                courier_log.log(level, message)
            code = process.wait()
        finally:
            thread.courier = None
    if code < 0:
        logger.warning("Mail: the courier was stopped by signal %s", -code)
    elif code:
        logger.error("Mail: the courier ended with exit code %s", code)
    return code


def courier_line(line, level):
    """The level and text of one of the courier's log lines; a line that
    does not start with a level (a traceback's) keeps the one before."""
    head, _space, rest = line.partition(" ")
    if head.isdigit() and rest:
        return int(head), rest
    if line.startswith("Traceback"):
        return logging.ERROR, line  # the courier itself failed
    return level, line


def make_mailer(mailhost):
    """The MailHost's ``_makeMailer``, keeping its connection."""
    return KeepAliveMailer(
        hostname=mailhost.smtp_host,
        port=int(mailhost.smtp_port),
        username=mailhost.smtp_uid or None,
        password=mailhost.smtp_pwd or None,
        force_tls=mailhost.force_tls,
        implicit_tls=mailhost.implicit_tls,
    )


def is_keepalive(thread):
    return isinstance(thread, KeepAliveQueueThread)


def start_queue_thread(mailhost):
    """Make sure the MailHost's queue is sent by a running keep-alive
    thread (a stock thread found in its place is stopped first); the
    thread, or None when the queue is off or ``MAILHOST_QUEUE_ONLY``."""
    if not getattr(mailhost, "smtp_queue", False):
        return None
    if os.environ.get("MAILHOST_QUEUE_ONLY"):
        return None
    key = mailhost._getThreadKey()
    thread = queue_threads.get(key)
    if is_keepalive(thread) and thread.is_alive():
        return thread
    interval = getattr(thread, "interval", None)
    if thread is not None:
        mailhost._stopQueueProcessorThread()
    with mailhost.lock:  # the lock of Products.MailHost's start and stop
        if key not in queue_threads:
            thread = KeepAliveQueueThread()
            if interval:
                thread.interval = interval  # a restart keeps the pace
            thread.setMailer(make_mailer(mailhost))
            thread.setQueuePath(mailhost.smtp_queue_directory)
            thread.start()
            queue_threads[key] = thread
            logger.info("Mail: keep-alive queue thread for %s started", key)
        return queue_threads[key]


def queue_thread(mailhost):
    """The thread Products.MailHost has registered for the MailHost's
    queue (running or dead, stock or keep-alive), or None."""
    return queue_threads.get(mailhost._getThreadKey())


def thread_of_queue(path):
    """The thread registered for the queue directory ``path`` (Products.
    MailHost keys them by its real path), or None: for callers that know
    the folder but not the MailHost, such as test layers."""
    return queue_threads.get(os.path.realpath(path))


def forget_queue_thread(path):
    """Stop the thread of the queue directory ``path`` and forget it."""
    thread = queue_threads.pop(os.path.realpath(path), None)
    if thread is not None:
        thread.stop()
        thread.join(10)


def wake_queue_thread(mailhost):
    """Have the MailHost's keep-alive thread look at its queue now (the
    clock released failed sends), not after its pause."""
    thread = queue_thread(mailhost)
    if is_keepalive(thread):
        thread.wake()


def stop_queue_thread(mailhost):
    mailhost._stopQueueProcessorThread()
