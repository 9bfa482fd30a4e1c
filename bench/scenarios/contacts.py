"""Contacts and mailings (issue 12): importing, ``@send``, delivery and the
address list, each against a baseline measured in the same run.

All need ``bench/seed_contacts.py`` before the server starts (10,000
contacts imported in one process, several minutes on two cores), so they
run only when named: ``--only contacts-import`` and so on.

- ``contacts-import``: cost per row of ``apply_import`` (10,000 rows) over
  creating one Document through plone.api (target <= 1.5), timed by the
  seeding; printed, no timed request.
- ``mailing-send``: ``POST <mailing>/@send`` to 5,000 contacts, one fresh
  mailing per request, against ``document-patch`` (target <= 2).
- ``mailing-delivery``: all 5,000 messages from ``@send`` to an aiosmtpd on
  127.0.0.1 (the instance writes them as soon as ``@send`` commits; the
  clock is called once a minute, as ``scripts/clock.sh`` does) through the
  MailHost queue, as a rate over a plain ``smtplib`` loop sending 5,000
  messages to the same server on one connection (target >= 0.5); printed,
  beside the ratio over the same loop opening a connection per message
  (as zope.sendmail's queue thread does).
- ``mailing-front-page``: the anonymous front page (``/Plone/en``), one
  client, while a mailing to 5,000 is written and sent (from ``@send`` to
  the last message at the SMTP server), over the same page just before
  (target <= 1.3); printed, medians and maxima.
- ``address-list-html``: ``<group>/@@address-list`` of a 2,000-member group
  read by a member of the group, against the same member reading the
  baseline Document (``document-html-member``; target <= 2).
"""

from context import ACCEPT_JSON
from email.message import EmailMessage
from scenarios import register
import itertools
import smtplib
import threading
import time


MESSAGES = 5000
DELIVERY_TIMEOUT = 900


def directory(ctx):
    return f"{ctx.site}/contacts"


def reader(ctx):
    """The seeded site user linked to a member of the 2,000 group."""
    login, password = ctx.contacts["reader"]
    ctx.passwords[login] = password
    return login


@register(
    "document-patch", "rest", login="admin", baseline="document-patch", optional=True
)
def document_patch(ctx):
    """Admin PATCH of the baseline Document's description (REST)."""
    url = ctx.baseline_document()
    counter = itertools.count()
    return lambda session: session.patch(
        url, headers=ACCEPT_JSON, json={"description": f"Patched {next(counter)}"}
    )


@register("document-html-member", "html", login="listreader", optional=True)
def document_html_member(ctx):
    """The address list's reader (a member) GETs the baseline Document page."""
    ctx.passwords.setdefault("listreader", "Listreader-Bench-2024")
    url = ctx.baseline_document()
    return lambda session: session.get(url)


@register("contacts-import", "rest", contacts=True, optional=True)
def contacts_import(ctx):
    """apply_import of 10,000 rows per row over one plone.api Document
    (in one process, printed; no timed request)."""
    r = ctx.contacts
    print(
        f"· contacts-import: {r['rows']} rows in {r['import_s']:.1f} s, "
        f"{r['import_ms_per_row']:.2f} ms a row; {r['documents']} Documents "
        f"{r['document_ms_per_row']:.2f} ms each; ratio {r['ratio']:.2f} "
        "(target <= 1.5)",
        flush=True,
    )
    return None


@register(
    "mailing-send",
    "rest",
    login="admin",
    baseline="document-patch",
    contacts=True,
    optional=True,
)
def mailing_send(ctx):
    """Admin POST @send of a mailing to a group of 5,000 (a fresh mailing
    each time)."""
    mailings = (
        f"{directory(ctx)}/bench-mailing-{n}" for n in range(ctx.contacts["mailings"])
    )
    return lambda session: session.post(f"{next(mailings)}/@send", headers=ACCEPT_JSON)


class Counter:
    """aiosmtpd handler: counts what it accepts, notes when the last came."""

    def __init__(self):
        self.count, self.last = 0, None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last = time.perf_counter()
        return "250 Message accepted for delivery"


def loop_message(n):
    message = EmailMessage()
    message["From"] = "secretariat@example.org"
    message["To"] = f"person{n}@example.org"
    message["Subject"] = f"Call for nominations: {n}"
    message.set_content("Dear colleague,\n\nplease reply.\n")
    return message


def smtplib_seconds(port, count):
    """The plain loop: one connection, ``count`` small messages (the
    issue's reference)."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(count):
            smtp.send_message(loop_message(n))
    return time.perf_counter() - start


def smtplib_per_message_seconds(port, count):
    """The plain loop with a connection per message (connect, EHLO, MAIL,
    RCPT, DATA, QUIT), as any per-message submitter sends, zope.sendmail's
    queue thread included: the second reference, printed beside the
    first."""
    start = time.perf_counter()
    for n in range(count):
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.send_message(loop_message(n))
    return time.perf_counter() - start


@register("mailing-delivery", "rest", contacts=True, optional=True)
def mailing_delivery(ctx):
    """5,000 messages from @send to a local SMTP server through the clock
    and the MailHost queue, as a rate over a plain smtplib loop (printed)."""
    from aiosmtpd.controller import Controller

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=ctx.smtp_port)
    controller.start()
    try:
        mailing = f"{directory(ctx)}/bench-mailing-{ctx.contacts['mailings']}"
        start = time.perf_counter()
        ctx.rest("POST", f"{mailing}/@send")  # the instance starts writing
        ticks, next_tick = 0, time.monotonic() + 60
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while counter.count < MESSAGES and time.monotonic() < deadline:
            if time.monotonic() >= next_tick:  # the minute clock goes on
                ctx.admin.post(
                    f"{ctx.site}/@clock", headers=ACCEPT_JSON, timeout=180
                ).raise_for_status()
                ticks += 1
                next_tick = time.monotonic() + 60
            time.sleep(0.05)
        portal_s = (counter.last or time.perf_counter()) - start
        delivered = counter.count
        counter.count = 0
        loop_s = smtplib_seconds(ctx.smtp_port, MESSAGES)
        each_s = smtplib_per_message_seconds(ctx.smtp_port, MESSAGES)
    finally:
        controller.stop()
    rate, loop_rate = delivered / portal_s, MESSAGES / loop_s
    each_rate = MESSAGES / each_s
    print(
        f"· mailing-delivery: {delivered} of {MESSAGES} delivered in "
        f"{portal_s:.1f} s ({rate:.0f}/s, {ticks} ticks); smtplib loop "
        f"{loop_s:.1f} s ({loop_rate:.0f}/s); rate ratio {rate / loop_rate:.2f} "
        "(target >= 0.5); smtplib loop with a connection per message "
        f"{each_s:.1f} s ({each_rate:.0f}/s): rate ratio {rate / each_rate:.2f}",
        flush=True,
    )
    return None


def page_times(session, url, until=None, count=0):
    """Milliseconds of GETs of ``url``, ``count`` of them or until
    ``until()`` is true."""
    times = []
    while (until is None and len(times) < count) or (until and not until()):
        start = time.perf_counter()
        session.get(url).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return times


@register("mailing-front-page", "html", contacts=True, optional=True)
def mailing_front_page(ctx):
    """The front page while a mailing to 5,000 is written and sent, over
    the same page just before (printed; issue 23: at most 1.3)."""
    from aiosmtpd.controller import Controller
    import requests
    import statistics

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=ctx.smtp_port)
    controller.start()
    page = f"{ctx.en}"
    reader = requests.Session()
    try:
        page_times(reader, page, count=20)  # warm
        quiet = page_times(reader, page, count=100)
        mailing = f"{directory(ctx)}/bench-mailing-{ctx.contacts['mailings'] + 1}"
        start = time.perf_counter()
        ctx.rest("POST", f"{mailing}/@send")
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        busy = page_times(
            reader,
            page,
            until=lambda: counter.count >= MESSAGES or time.monotonic() > deadline,
        )
        sent_s = (counter.last or time.perf_counter()) - start
    finally:
        controller.stop()
    quiet_ms, busy_ms = statistics.median(quiet), statistics.median(busy)
    print(
        f"· mailing-front-page: {page} {quiet_ms:.1f} ms median quiet (max "
        f"{max(quiet):.0f}), {busy_ms:.1f} ms while {counter.count} of "
        f"{MESSAGES} were written and sent in {sent_s:.1f} s (max "
        f"{max(busy):.0f}, {len(busy)} requests): ratio "
        f"{busy_ms / quiet_ms:.2f} (target <= 1.3)",
        flush=True,
    )
    return None


@register(
    "address-list-html",
    "html",
    login="listreader",
    baseline="document-html-member",
    contacts=True,
    optional=True,
)
def address_list_html(ctx):
    """A group member GETs the address list page of a 2,000-member group."""
    reader(ctx)
    url = f"{directory(ctx)}/bench-2000/@@address-list"
    return lambda session: session.get(url)
