"""The address list page of a 2,000-member group, in process (issue 12).

Builds the Functional test layer's site, adds ``--contacts`` contacts in
one group, then renders ``<group>/@@address-list`` cold (right after a
contact was edited and committed, the ZODB cache emptied: the first view
after a change) and warm (the same view again), beside a plain Document
page, in ms. (ZODB caches stay as a running site has them.) Not part of the test suite.

Usage::

    .venv/bin/python bench/profile_address_list.py [--contacts 2000] [--profile]
"""

from pathlib import Path
import argparse
import cProfile
import pstats
import statistics
import sys
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from profiling import contacts_in_group  # noqa: E402
from profiling import set_up_layer  # noqa: E402


def seed(portal, count):
    from plone import api
    import transaction

    directory, _group = contacts_in_group(
        portal,
        count,
        lambda n: {
            "organisation": f"Organisation {n % 50}",
            "country": ("FR", "KE", "MX", "PE")[n % 4],
        },
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.create(portal, "Document", id="doc", title="A document")
    transaction.commit()
    return directory


def render(portal, path, view):
    from plone import api
    from zope.globalrequest import setRequest

    request = portal.REQUEST
    setRequest(request)
    context = portal.unrestrictedTraverse(path)
    return api.content.get_view(view, context, request)()


def touch(directory):
    """A contact edited and committed: the first view after a change."""
    import transaction

    contact = directory["person7"]
    contact.organisation = f"Edited {time.time()}"
    contact.reindexObject()
    transaction.commit()


def timed(func, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from collab.portal.testing import FUNCTIONAL_TESTING

    layer = set_up_layer(FUNCTIONAL_TESTING)
    portal = layer["portal"]
    from plone.app.testing import login
    from plone.app.testing import SITE_OWNER_NAME

    login(portal.getPhysicalRoot(), SITE_OWNER_NAME)
    directory = seed(portal, args.contacts)
    page = "contacts/profiled"
    render(portal, page, "address-list")

    def cold():
        touch(directory)
        start = time.perf_counter()
        render(portal, page, "address-list")
        return (time.perf_counter() - start) * 1000

    colds = statistics.median(cold() for _ in range(args.rounds))
    warm = timed(lambda: render(portal, page, "address-list"), args.rounds)
    doc = timed(lambda: render(portal, "doc", "view"), args.rounds)
    print(
        f"{args.contacts} members: cold {colds:.0f} ms, warm {warm:.0f} ms; "
        f"Document {doc:.0f} ms; cold/doc {colds / doc:.2f}, warm/doc {warm / doc:.2f}"
    )
    if args.profile:
        touch(directory)
        profiler = cProfile.Profile()
        profiler.runcall(render, portal, page, "address-list")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
