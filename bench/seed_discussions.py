"""Open discussion groups holding N comments each, written straight into
the benchmark's database before the server starts.

Posting 10,000 comments through REST would take most of an hour on two
cores; here they go through the same plone.app.discussion API and events
(workflow, catalog, the portal's counters) in one process, in a minute or
two. Usage: ``python bench/seed_discussions.py zope.conf 10 100 10000``.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from seeding import run
import sys


MEMBERS = 40  # authors of the seeded comments, with a country each
COUNTRIES = ("KE", "FR", "MX", "SN", "PE", "VN", "DE", "BR")


def seed(site, counts):
    from collab.portal.distributions.languages import create_translated
    from plone import api
    from plone.app.discussion.interfaces import IConversation
    from zope.component import createObject
    import transaction

    api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
    for n in range(MEMBERS):
        if api.user.get(username=f"speaker{n}") is None:
            api.user.create(
                email=f"speaker{n}@example.org",
                username=f"speaker{n}",
                password="Speaker-Bench-2024",
                properties={
                    "organisation": f"Ministry {n}",
                    "country": COUNTRIES[n % len(COUNTRIES)],
                },
            )
    now = datetime.now(UTC)
    forum = create_translated(
        site.en,
        "Forum",
        "en",
        id="bench-discussions",
        title="Benchmark discussions",
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=60),
    )
    api.content.transition(forum, to_state="published")
    for count in counts:
        group = create_translated(
            forum,
            "DiscussionGroup",
            "en",
            id=f"group-{count}",
            title=f"Group with {count} comments",
            guiding_questions=["First question", "Second question"],
            opens=now - timedelta(hours=1),
            closes=now + timedelta(days=30),
        )
        api.content.transition(group, transition="schedule")
        api.content.transition(group, transition="open")
        transaction.commit()
        conversation = IConversation(group)
        threads = []
        for n in range(count):
            comment = createObject("plone.Comment")
            comment.text = f"Comment {n}: " + "words " * 40
            member = f"speaker{n % MEMBERS}"
            comment.author_username = comment.creator = member
            comment.author_name = member
            # Every fourth comment answers an earlier thread.
            if n % 4 == 3 and threads:
                comment.in_reply_to = threads[-1]
            cid = conversation.addComment(comment)
            if n % 4 != 3:
                threads.append(cid)
            if n % 500 == 499:
                transaction.commit()
        transaction.commit()
        print(f"· seeded {count} comments in {group.absolute_url_path()}")


def main(argv):
    run(seed, argv[0], [int(n) for n in argv[1:]])


if __name__ == "__main__":
    main(sys.argv[1:])
