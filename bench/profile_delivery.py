"""Writing a mailing's messages, in process, in seconds (issue 12).

The bench case ``mailing-delivery`` needs 7 minutes of seeding before it
times anything; this harness builds the Mail test layer's site (the
MailHost queue on, a real aiosmtpd on 127.0.0.1), adds ``--contacts``
contacts in one group and a mailing to it shaped like the bench's (every
message carries the personal update link), then times
``sending.write_batch`` plus its commit, batch after batch, through the
real path: the MailHost queue, zope.sendmail's queue thread sending.

Usage (not part of the test suite)::

    .venv/bin/python bench/profile_delivery.py [--contacts 500] [--profile]

Prints ms a message written (and committed), and how long the queue
thread took to hand them all to the SMTP server; ``--profile`` adds the
cProfile of the writing, by cumulative time.
"""

from pathlib import Path
import argparse
import cProfile
import pstats
import sys
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from profiling import contacts_in_group  # noqa: E402
from profiling import set_up_layer  # noqa: E402
from seed_contacts import MAILING  # noqa: E402  (the bench's mailing)


def seed(portal, count):
    """Contacts in en, es and fr in one group, and the bench's mailing to
    it; returns the mailing."""
    from plone import api
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds
    import transaction

    languages = ("en", "es", "fr")
    directory, group = contacts_in_group(
        portal,
        count,
        lambda n: {"country": "FR", "preferred_language": languages[n % 3]},
    )
    with api.env.adopt_roles(["Manager"]):
        mailing = api.content.create(
            directory, "Mailing", id="profiled-mailing", **MAILING
        )
    mailing.recipient_groups = [RelationValue(getUtility(IIntIds).getId(group))]
    transaction.commit()
    return mailing


def write_all(mailing):
    """Note the recipients, then write and commit every batch."""
    from collab.portal.contacts import sending
    from collab.portal.contacts.delivery import delivery_log
    import transaction

    log = delivery_log(mailing)
    sending.note_recipients(mailing, log)
    transaction.commit()
    written = len(log.pending)
    start = time.perf_counter()
    while log.pending:
        sending.write_batch(mailing, log)
        transaction.commit()
    return written, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from AccessControl.SecurityManagement import newSecurityManager
    from collab.portal.contacts.sending import start_sending
    from collab.portal.testing import MAIL_TESTING
    from plone.app.testing import SITE_OWNER_NAME

    layer = set_up_layer(MAIL_TESTING)
    portal, mailbox = layer["portal"], layer["mailbox"]
    app = layer["app"]
    owner = app.acl_users.getUserById(SITE_OWNER_NAME)
    newSecurityManager(None, owner.__of__(app.acl_users))
    mailing = seed(portal, args.contacts)
    mailbox.clear()
    start_sending(mailing, SITE_OWNER_NAME)

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    start = time.perf_counter()
    written, seconds = write_all(mailing)
    if profiler:
        profiler.disable()
    mailbox.wait_for(written, timeout=600)
    delivered = time.perf_counter() - start
    print(
        f"{written} messages written and committed in {seconds:.2f} s: "
        f"{1000 * seconds / written:.2f} ms a message; all delivered after "
        f"{delivered:.2f} s ({written / delivered:.0f} a second)",
        flush=True,
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
