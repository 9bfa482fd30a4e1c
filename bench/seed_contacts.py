"""The contacts benchmarks' data, written before the server starts, and the
import benchmark of issue 12, which runs here because it is measured in one
process: ``apply_import`` of 10,000 rows against creating plain Documents
through plone.api, each followed by its commit.

The imported contacts are the data of the other contacts scenarios: the
first 5,000 rows are in the group ``bench-5000`` (the mailing's
recipients), the first 2,000 also in ``bench-2000`` (the address list),
whose first contact is linked to the site user ``listreader`` (so that it
may read the address list as a member of the group). Mailings to
``bench-5000`` are made for ``@send`` to mark, one per timed request.

Usage: ``python bench/seed_contacts.py zope.conf report.json``; the timings
are written to ``report.json`` (read back by ``scenarios/contacts.py``).
"""

from seeding import run
import json
import sys
import time


ROWS = 10_000
DOCUMENTS = 2_000  # baseline rows: enough for a stable cost per row
MAILINGS = 200  # one per timed @send (warm-up + rounds x requests)
READER = ("listreader", "Listreader-Bench-2024")
COUNTRIES = ("KE", "FR", "MX", "SN", "PE", "VN", "DE", "BR", "JP", "CL")
FIRST = ("Ana", "Luc", "Chen", "Olu", "Marta", "Jean", "Aiko", "Pedro", "Fatou")
LAST = ("Pérez", "Martin", "Wei", "Adeyemi", "García", "Dubois", "Sato", "Diop")
MAILING = {
    "subject": "Call for nominations: {given_name}, please reply by 30 June",
    "body": (
        "Dear {salutation} {given_name} {family_name},\n\nthe Standing "
        "Committee invites nominations. Please check that your details are "
        "current: {update_link}\n\nThe Secretariat"
    ),
}


def csv_file(rows):
    """10,000 rows, the shape of a secretariat's spreadsheet."""
    lines = ["given_name,family_name,email,country,organisation,groups"]
    for n in range(rows):
        groups = "bench-5000|bench-2000" if n < 2000 else "bench-5000" * (n < 5000)
        lines.append(
            f"{FIRST[n % len(FIRST)]},{LAST[n % len(LAST)]} {n},"
            f"person{n}@example.org,{COUNTRIES[n % len(COUNTRIES)]},"
            f"Ministry {n % 300},{groups}"
        )
    return "\n".join(lines).encode("utf-8")


def timed(step):
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def seed(site, report_path):
    from collab.portal.contacts.directory import ensure_directory
    from collab.portal.contacts.importing import apply_import
    from plone import api
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds
    from zope.lifecycleevent import modified
    import transaction

    folder = api.content.create(site.en, "Folder", id="bench-documents")
    transaction.commit()

    def documents():
        for n in range(DOCUMENTS):
            api.content.create(folder, "Document", id=f"doc-{n}", title=f"Doc {n}")
        transaction.commit()

    document_s = timed(documents)
    directory = ensure_directory(site)
    for size in (5000, 2000):
        api.content.create(
            directory, "ContactGroup", id=f"bench-{size}", title=f"{size} members"
        )
    transaction.commit()
    data = csv_file(ROWS)
    plan = []

    def importing():
        plan.append(apply_import(directory, data, "contacts.csv"))
        transaction.commit()

    import_s = timed(importing)
    plan = plan[0]
    if plan.refused or len(plan.create) != ROWS:
        raise SystemExit(f"import refused rows: {plan.refused[:5]}")
    api.user.create(
        email="listreader@example.org", username=READER[0], password=READER[1]
    )
    reader = directory["bench-2000"].members[0].to_object
    reader.linked_user = READER[0]
    modified(reader)
    intids = getUtility(IIntIds)
    to_group = intids.getId(directory["bench-5000"])
    # The last two for the delivery and the front-page-while-sending scenarios.
    for n in range(MAILINGS + 2):
        mailing = api.content.create(
            directory, "Mailing", id=f"bench-mailing-{n}", **MAILING
        )
        mailing.recipient_groups = [RelationValue(to_group)]
    transaction.commit()
    report = {
        "documents": DOCUMENTS,
        "document_ms_per_row": document_s * 1000 / DOCUMENTS,
        "rows": ROWS,
        "import_ms_per_row": import_s * 1000 / ROWS,
        "import_s": import_s,
        "reader": list(READER),
        "mailings": MAILINGS,
    }
    report["ratio"] = report["import_ms_per_row"] / report["document_ms_per_row"]
    with open(report_path, "w") as out:
        json.dump(report, out)
    print(f"· seeded contacts: {json.dumps(report)}")


def main(argv):
    run(seed, argv[0], argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
