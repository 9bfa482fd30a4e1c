"""The draft page of ``bench/seed_drafts.py``'s data, profiled in process.

Run on an instance a bench run kept (``--keep``), with its server stopped:
renders ``<draft>`` as the participant ``drafter19`` (warm, ``--times``
times) and prints the median ms and the top of a cProfile by cumulative
time. Not part of the test suite.

Usage::

    .venv/bin/python bench/profile_draft_page.py \\
        /tmp/collab-bench-…/instance/etc/zope.conf \\
        [--draft bench-draft-2000] [--times 5] [--top 40]
"""

from pathlib import Path
from seeding import run
import argparse
import cProfile
import pstats
import statistics
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))


def render(site, args):
    from AccessControl.SecurityManagement import newSecurityManager
    from collab.portal.interfaces import IBrowserLayer
    from plone.app.z3cform.interfaces import IPloneFormLayer
    from zope.interface import alsoProvides

    draft = site.en[args.draft]
    user = site.acl_users.getUserById("drafter19")
    newSecurityManager(None, user.__of__(site.acl_users))
    request = site.REQUEST
    # The layers a published request gets (unthemed: the view is timed).
    alsoProvides(request, IBrowserLayer, IPloneFormLayer)

    def once():
        view = draft.restrictedTraverse("@@view")
        return view()

    once()
    times = []
    for _ in range(args.times):
        start = time.perf_counter()
        html = once()
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    print(f"{args.draft}: {len(html)} chars, median {median:.0f} ms")
    profile = cProfile.Profile()
    profile.enable()
    once()
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("conf")
    parser.add_argument("--draft", default="bench-draft-2000")
    parser.add_argument("--times", type=int, default=5)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    run(render, args.conf, args)


if __name__ == "__main__":
    main(sys.argv[1:])
