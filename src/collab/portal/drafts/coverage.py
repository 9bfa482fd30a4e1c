"""Who of a round's invited people commented (issue 22, Behaviour 5), so
the secretariat can remind the others before the deadline.

A comment counts for the contact behind its author: a guest's token names
the contact (its subject ends in the contact's UID); a member counts for
the contacts whose ``linked_user`` they are, and as themselves when the
round invited them as a site user. Replies count: they are taking part.
The numbers come from the conversation alone (one walk over the round's
comments) and the round's record; nothing is written.
"""

from collab.portal import tokens
from collab.portal.comments.authors import author_key
from collab.portal.comments.authors import GUEST
from collab.portal.dates import format_date
from collab.portal.mail.delivery import iso
from collab.portal.recipients import IGroupContacts
from collab.portal.vocabularies.countries import country_name
from plone import api
from plone.app.discussion.interfaces import IConversation


def comments_by_author(draft, number):
    """``{author key: (count, last creation date)}`` of round ``number``."""
    found = {}
    conversation = IConversation(draft, None)
    for comment in conversation.values() if conversation is not None else ():
        if getattr(comment, "round_number", None) != number:
            continue
        key = author_key(comment)
        count, last = found.get(key, (0, None))
        created = comment.creation_date
        found[key] = (count + 1, created if last is None or created > last else last)
    return found


def contact_of_author(key, store):
    """The contact UID a guest author stands for, else None."""
    if not key or not key.startswith(GUEST) or store is None:
        return None
    record = store.by_token_id(key[len(GUEST) :])
    return record.subject.rsplit(":", 1)[-1] if record is not None else None


def _contacts(uids):
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    for brain in catalog.unrestrictedSearchResults(UID=list(uids)) if uids else ():
        found[brain.UID] = brain._unrestrictedGetObject()
    return found


def coverage(draft, round, language="en"):
    """The coverage of ``round``: each invited contact and site user with
    whether and how much they commented, and sums by contact group and by
    country."""
    by_author = comments_by_author(draft, round.number)
    store = tokens.token_store()
    by_contact = {}
    for key, (count, last) in by_author.items():
        uid = contact_of_author(key, store)
        if uid is not None:
            before = by_contact.get(uid, (0, None))
            by_contact[uid] = (before[0] + count, max(filter(None, (before[1], last))))
    contacts = _contacts(round.invitees)
    rows = []
    for uid in round.invitees:
        contact = contacts.get(uid)
        if contact is None:
            continue
        count, last = by_contact.get(uid, (0, None))
        linked = getattr(contact, "linked_user", None)
        if linked and linked in by_author:
            count += by_author[linked][0]
            last = max(filter(None, (last, by_author[linked][1])), default=None)
        country = getattr(contact, "country", "") or ""
        rows.append(
            {
                "uid": uid,
                "title": contact.title,
                "organisation": getattr(contact, "organisation", "") or "",
                "country": country,
                "country_name": country_name(country, language) if country else "",
                "comments": count,
                "commented": count > 0,
                "last": iso(last),
                "last_shown": format_date(last, language) if last else "",
            }
        )
    users = [
        {
            "userid": userid,
            "comments": by_author.get(userid, (0, None))[0],
            "commented": userid in by_author,
        }
        for userid in round.users
    ]
    commented = {row["uid"] for row in rows if row["commented"]}
    return {
        "round": round.number,
        "contacts": rows,
        "users": users,
        "groups": _by_group(round, commented),
        "countries": _by_country(rows),
        "invited": len(rows) + len(users),
        "commented": len(commented) + sum(1 for user in users if user["commented"]),
    }


def _by_group(round, commented):
    groups = _contacts(round.groups)
    found = []
    for uid in round.groups:
        group = groups.get(uid)
        adapter = IGroupContacts(group, None) if group is not None else None
        members = [c.UID() for c in adapter.contacts()] if adapter is not None else []
        found.append(
            {
                "uid": uid,
                "title": group.title if group is not None else "",
                "invited": len(members),
                "commented": sum(1 for member in members if member in commented),
            }
        )
    return found


def _by_country(rows):
    found = {}
    for row in rows:
        code = row["country"]
        entry = found.setdefault(
            code,
            {
                "country": code,
                "name": row["country_name"],
                "invited": 0,
                "commented": 0,
            },
        )
        entry["invited"] += 1
        entry["commented"] += int(row["commented"])
    return sorted(found.values(), key=lambda entry: entry["name"] or "~")


def not_commented(draft, round):
    """The UIDs of the invited contacts without a comment in ``round``."""
    return [
        row["uid"] for row in coverage(draft, round)["contacts"] if not row["commented"]
    ]
