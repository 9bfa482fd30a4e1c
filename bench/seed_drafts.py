"""The draft documents' benchmark data (issue 22), written before the
server starts, and the timed DOCX conversion, which runs here because it
is measured in one process inside the site.

Written through the feature's own functions and plone.app.discussion's
API (events and all: the comment policy anchors each comment and indexes
it by paragraph), as ``seed_discussions.py`` does for groups:

- ``/en/bench-draft-2000``: a DraftDocument of 300 paragraphs in an open
  round (100 contacts of the group ``bench-draft-guests`` and the members
  ``drafter0``..``drafter19`` invited, no mail sent) with 2,000 comments
  spread over its paragraphs, every fifth a reply, every seventh with
  proposed wording, every third quoting words; its page and polls are
  timed and nothing is posted to it before the load scenario;
- ``/en/bench-draft-10``: the same text and round with 10 comments (its
  page is timed);
- ``/en/bench-draft-2000-post`` and ``/en/bench-draft-10-post``: the same
  text and round with 2,000 and 10 comments, where the posting scenarios
  post (so no timed page grows while it is measured);
- ``/en/bench-draft-document``: a published Document holding the same
  HTML (the page's baseline);
- a guest link of the round for each of the 100 contacts (contact UID and
  token in the report, turned into guest cookies by the load scenario);
- ``docx``: a 100-page DOCX built with python-docx, converted by
  ``conversion.docx_to_html`` three times (seconds in the report).

Usage: ``python bench/seed_drafts.py zope.conf report.json``.
"""

from seeding import run
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import io
import json
import random
import statistics
import sys
import time


PARAGRAPHS = 300
COMMENTS = 2000
SMALL = 10
GUESTS = 100
MEMBERS = 20  # drafter0..drafter19, invited as site users
PASSWORD = "Drafter-Bench-2024"  # noqa: S105 - seeded bench members
DOCX_PAGES = 100
WORDS = [
    "capacity",
    "building",
    "national",
    "plans",
    "monitoring",
    "evaluation",
    "indicators",
    "funding",
    "partners",
    "coordination",
    "mechanism",
    "regional",
    "centres",
    "training",
    "experience",
    "lessons",
    "priorities",
    "gaps",
    "support",
    "countries",
    "secretariat",
    "parties",
    "review",
    "progress",
    "targets",
    "reporting",
    "data",
    "sharing",
    "access",
]


def sentence(rng, words=60):
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def body(rng):
    """300 blocks: a heading every 25, the rest paragraphs of ~60 words."""
    blocks = []
    for n in range(PARAGRAPHS):
        if n % 25 == 0:
            blocks.append(f"<h2>Part {n // 25 + 1}: {sentence(rng, 4)}</h2>")
        else:
            blocks.append(f"<p>{n + 1}. {sentence(rng)}</p>")
    return "".join(blocks)


def seed(site, report_path):
    from collab.portal.clock import now
    from collab.portal.drafts.invitations import guest_link
    from collab.portal.drafts.paragraphs import read_table
    from collab.portal.drafts.rounds import open_round
    from datetime import timedelta
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds
    import transaction

    started = time.perf_counter()
    api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
    api.portal.set_registry_record(
        "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled", True
    )
    users = [f"drafter{n}" for n in range(MEMBERS)]
    for login in [*users, "draftlead"]:
        if api.user.get(username=login) is None:
            api.user.create(
                email=f"{login}@example.org", username=login, password=PASSWORD
            )
    html = body(random.Random(22))  # noqa: S311 - not for security
    document = api.content.create(
        site.en,
        "Document",
        id="bench-draft-document",
        title="Draft text as a plain Document",
        text=RichTextValue(html, "text/html", "text/x-html-safe"),
    )
    api.content.transition(document, "publish")
    directory = site.get("contacts")
    contacts = [
        api.content.create(
            directory,
            "Contact",
            id=f"bench-guest-{n}",
            given_name="Guest",
            family_name=f"Number {n}",
            email=f"guest{n}@example.org",
            country="KE",
        )
        for n in range(GUESTS)
    ]
    intids = getUtility(IIntIds)
    group = api.content.create(
        directory,
        "ContactGroup",
        id="bench-draft-guests",
        title="Benchmark guests",
        kind="focal_points",
    )
    group.members = [RelationValue(intids.getId(c)) for c in contacts]
    transaction.commit()
    report = {"password": PASSWORD, "users": users, "drafts": {}}
    for name, count in (
        ("2000", COMMENTS),
        ("2000-post", COMMENTS),
        ("10", SMALL),
        ("10-post", SMALL),
    ):
        draft = api.content.create(
            site.en,
            "DraftDocument",
            id=f"bench-draft-{name}",
            title=f"Draft with {count} comments",
            lead_author="draftlead",
            text=RichTextValue(html, "text/html", "text/x-html-safe"),
        )
        round = open_round(
            draft,
            now() + timedelta(days=30),
            "admin",
            invite=False,
            groups=(group.UID(),),
            users=tuple(users),
        )
        transaction.commit()
        pids = [p.id for p in read_table(draft).paragraphs()]
        texts = [p.text for p in read_table(draft).paragraphs()]
        add_comments(draft, pids, texts, count)
        report["drafts"][name] = {"path": draft.absolute_url_path(), "pids": pids}
        if name == "2000":
            report["guests"] = [
                parse_link(guest_link(draft, round, c.UID(), "admin")) for c in contacts
            ]
            transaction.commit()
        print(f"· seeded {draft.absolute_url_path()}: {count} comments")
    report["seed_s"] = time.perf_counter() - started
    report["docx"] = time_docx()
    with open(report_path, "w") as out:
        json.dump(report, out)


def parse_link(url):
    query = parse_qs(urlsplit(url).query)
    return {"contact": query["contact"][0], "token": query["token"][0]}


def add_comments(draft, pids, texts, count):
    """``count`` comments by the invited members over the paragraphs: every
    fifth answers the previous thread, every seventh proposes wording,
    every third quotes the first words of its paragraph."""
    from collab.portal.clock import now
    from plone.app.discussion.interfaces import IConversation
    from zope.component import createObject
    import transaction

    rng = random.Random(count)  # noqa: S311 - not for security
    conversation = IConversation(draft)
    threads = []
    for n in range(count):
        comment = createObject("plone.Comment")
        comment.text = f"Comment {n}: {sentence(rng, 30)}"
        comment.mime_type = "text/plain"
        member = f"drafter{n % MEMBERS}"
        comment.author_username = comment.creator = comment.author_name = member
        comment.creation_date = comment.modification_date = now()
        if n % 5 == 4 and threads:
            comment.in_reply_to = threads[-1]
        else:
            at = rng.randrange(len(pids))
            comment.paragraph = pids[at]
            if n % 3 == 0:
                comment.quote = " ".join(texts[at].split()[1:4])
            if n % 7 == 0:
                comment.suggestion = sentence(rng, 20)
        comment_id = conversation.addComment(comment)
        if n % 5 != 4:
            threads.append(comment_id)
        if n % 250 == 249:
            transaction.commit()
    transaction.commit()


def docx_bytes(pages):
    """``pages`` pages of a resolution: a heading, four paragraphs of ~110
    words, a numbered list of three items and a page break each; a
    table every tenth page."""
    import docx

    rng = random.Random(100)  # noqa: S311 - not for security
    document = docx.Document()
    for page in range(1, pages + 1):
        document.add_heading(f"Section {page}: {sentence(rng, 5)}", level=1)
        for _ in range(4):
            document.add_paragraph(sentence(rng, 110))
        for _ in range(3):
            document.add_paragraph(sentence(rng, 15), style="List Number")
        if page % 10 == 0:
            table = document.add_table(rows=4, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = sentence(rng, 3)
        document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def time_docx(repeat=3):
    from collab.portal.drafts.conversion import docx_to_html
    from collab.portal.drafts.paragraphs import paragraphs

    data = docx_bytes(DOCX_PAGES)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        html, _notes = docx_to_html(data)
        times.append(time.perf_counter() - start)
    return {
        "pages": DOCX_PAGES,
        "bytes": len(data),
        "blocks": len(paragraphs(html)),
        "html_bytes": len(html),
        "seconds": times,
        "median_s": statistics.median(times),
    }


def main(argv):
    run(seed, argv[0], argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
