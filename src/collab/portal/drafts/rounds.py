"""Comment rounds of a draft (issue 22, "Rounds").

A round is a record in the draft's annotation (``Round``, stored name),
numbered from 1: its instructions, deadline, recipients (contact groups,
single contacts and site users), whether guests may come by link, and
whether comments are seen at once or only after the deadline.

``open_round`` is the only way into the workflow state ``round_open`` and
``close_round`` the only way out of it (their transitions are guarded by
``ROUND_CHANGE``, a flag only these functions set on the request), so the
record and the state never disagree. Opening keeps the text as it stands
(a CMFEditions version and a paragraph snapshot the comparison reads),
gives the round's site users the local role ``DraftParticipant``, admits
guests, and starts the invitations (``invitations``); closing revokes the
round's guest links, shuts guests out and publishes the comments held
back until the deadline.
"""

from BTrees.IOBTree import IOBTree
from collab.portal import _
from collab.portal import tokens
from collab.portal.clock import now
from collab.portal.drafts import guests
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.invitations import start_invitations
from collab.portal.drafts.paragraphs import read_table
from collab.portal.mail.delivery import counts
from collab.portal.mail.delivery import delivery_log
from collab.portal.recipients import IGroupContacts
from contextlib import contextmanager
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from plone import api
from plone.app.discussion.interfaces import IConversation
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError
from zope.annotation.interfaces import IAnnotations


# Stored names: rounds, tokens and delivery logs of existing drafts.
ROUNDS_KEY = "collab.portal.drafts.rounds"
INVITATIONS_KEY = "collab.portal.drafts.invitations."
REMINDERS_KEY = "collab.portal.drafts.reminders."

# The request flag the workflow's open_round and close_round guard on.
ROUND_CHANGE = "collab.portal.drafts.round_change"

PARTICIPANT = "DraftParticipant"
AT_ONCE = "at_once"
AFTER_DEADLINE = "after_deadline"
VISIBILITIES = (AT_ONCE, AFTER_DEADLINE)
# A round gives its people at least this long to comment.
SHORTEST_ROUND = timedelta(hours=1)
OPENS_FROM = ("draft", "incorporating")


class RoundRefused(Exception):
    """A round cannot be opened or closed as asked: ``status`` (400, 409)
    and a translated ``message`` for the reader; nothing was changed."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class Round(Persistent):
    """One comment round of a draft."""

    def __init__(self, number, deadline, opened_by, opened_at, **details):
        self.number = number
        self.deadline = deadline
        self.opened_by = opened_by
        self.opened_at = opened_at
        self.instructions = details.get("instructions", "")
        self.zone = details.get("zone", "UTC")
        self.groups = tuple(details.get("groups", ()))
        self.contacts = tuple(details.get("contacts", ()))
        self.users = tuple(details.get("users", ()))
        self.guests_allowed = bool(details.get("guests_allowed", True))
        self.visibility = details.get("visibility", AT_ONCE)
        self.invitees = ()  # contact UIDs invited, in order
        self.members = ()  # user ids given DraftParticipant by this round
        self.snapshot = ()  # (pid, number, kind, text) of the text opened
        self.version_id = None
        self.closed_at = None
        self.closed_by = None
        self.reminded = ()  # the contact UIDs of each reminder

    @property
    def is_open(self):
        return self.closed_at is None

    def taking_comments(self, at=None):
        """Open and before its deadline."""
        return self.is_open and (at or now()) < self.deadline

    @property
    def invitations_key(self):
        return f"{INVITATIONS_KEY}{self.number}"

    def reminder_key(self, number):
        return f"{REMINDERS_KEY}{self.number}.{number}"

    def guest_subject(self, draft, contact_uid):
        """The subject of a guest token of this round for ``contact_uid``."""
        return f"{draft.UID()}:{self.number}:{contact_uid}"


def _rounds(draft, create=False):
    annotations = IAnnotations(draft)
    found = annotations.get(ROUNDS_KEY)
    if found is None and create:
        found = annotations[ROUNDS_KEY] = IOBTree()
    return found


def rounds_of(draft):
    """The draft's rounds, first to last."""
    found = _rounds(draft)
    return list(found.values()) if found is not None else []


def current_round(draft):
    """The latest round (open or closed), or None before the first."""
    found = _rounds(draft)
    return found[found.maxKey()] if found else None


def round_of(draft, number):
    """Round ``number`` (an int, its digits or ``current``), or None."""
    if number == "current":
        return current_round(draft)
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    found = _rounds(draft)
    return found.get(number) if found is not None else None


def open_round_of(draft):
    """The round open now, or None."""
    found = current_round(draft)
    return found if found is not None and found.is_open else None


def snapshot(draft):
    """The text as it stands: ``(pid, number, kind, text)`` per block."""
    table = read_table(draft)
    if table is None:
        return ()
    return tuple((p.id, p.number, p.kind, p.text) for p in table.paragraphs())


@contextmanager
def round_change(draft):
    """Let the workflow's round transitions pass, for this block only."""
    request = getattr(draft, "REQUEST", None)
    other = getattr(request, "other", None)
    if other is None:
        raise RuntimeError("a round changes in a request only")
    other[ROUND_CHANGE] = True
    try:
        yield
    finally:
        other.pop(ROUND_CHANGE, None)


def _refuse(status, message):
    raise RoundRefused(status, message)


def parse_deadline(value, zone):
    """The aware deadline of a form's or a request's ``value``: an ISO
    8601 text with its offset, or without one in the time zone ``zone``
    (an IANA name). A deadline without either is refused (400) by
    ``check_deadline``."""
    try:
        place = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        _refuse(
            400,
            _(
                "draft_round_bad_zone",
                default="Unknown time zone: ${zone}",
                mapping={"zone": str(zone)[:64]},
            ),
        )
    if isinstance(value, datetime):
        deadline = value
    else:
        try:
            deadline = datetime.fromisoformat(str(value or "").strip())
        except ValueError:
            _refuse(
                400,
                _(
                    "draft_round_bad_deadline",
                    default="Give the deadline as a date and time, e.g. "
                    "2030-03-05T17:00.",
                ),
            )
    if deadline.tzinfo is None and zone:
        deadline = deadline.replace(tzinfo=place)
    return deadline.astimezone(UTC) if deadline.tzinfo is not None else deadline


def check_deadline(deadline, at):
    if deadline is None or deadline.tzinfo is None:
        _refuse(
            400,
            _(
                "draft_round_deadline_naive",
                default="Give the deadline with its time zone, e.g. "
                "2030-03-05T17:00:00+01:00.",
            ),
        )
    if deadline < at + SHORTEST_ROUND:
        _refuse(
            400,
            _(
                "draft_round_deadline_too_soon",
                default="The deadline must be at least one hour from now.",
            ),
        )


def resolve_people(groups, contacts, users):
    """``(invitee contact UIDs, user ids)`` of a round's recipients; an
    unknown UID or user id is refused (400)."""
    found = {}
    catalog = api.portal.get_tool("portal_catalog")
    wanted = list(groups) + list(contacts)
    for brain in catalog.unrestrictedSearchResults(UID=wanted) if wanted else ():
        found[brain.UID] = brain._unrestrictedGetObject()
    invitees = []
    for uid in groups:
        group = found.get(uid)
        adapter = IGroupContacts(group, None) if group is not None else None
        if adapter is None:
            _refuse(
                400,
                _(
                    "draft_round_unknown_group",
                    default="Unknown contact group: ${uid}",
                    mapping={"uid": uid},
                ),
            )
        invitees.extend(adapter.contacts())
    for uid in contacts:
        contact = found.get(uid)
        if contact is None or getattr(contact, "portal_type", "") != "Contact":
            _refuse(
                400,
                _(
                    "draft_round_unknown_contact",
                    default="Unknown contact: ${uid}",
                    mapping={"uid": uid},
                ),
            )
        invitees.append(contact)
    members = []
    for userid in users:
        if api.user.get(userid=userid) is None:
            _refuse(
                400,
                _(
                    "draft_round_unknown_user",
                    default="Unknown user: ${user}",
                    mapping={"user": userid},
                ),
            )
        members.append(userid)
    uids = []
    for contact in invitees:
        uid = contact.UID()
        if uid not in uids:
            uids.append(uid)
        linked = getattr(contact, "linked_user", None)
        if linked and linked not in members and api.user.get(userid=linked):
            members.append(linked)
    return tuple(uids), tuple(members)


def open_round(draft, deadline, actor, at=None, invite=True, **details):
    """Open the draft's next round (see the module). ``details``:
    instructions, zone, groups, contacts, users, guests_allowed,
    visibility. ``invite=False`` sends no invitation (the demo: its
    contacts are fictitious). Returns the Round; raises ``RoundRefused``
    with nothing changed."""
    at = at or now()
    if api.content.get_state(draft, default=None) not in OPENS_FROM:
        _refuse(
            409,
            _(
                "draft_round_cannot_open",
                default="A round can be opened only while the draft is being "
                "prepared or between rounds.",
            ),
        )
    check_deadline(deadline, at)
    if details.get("visibility", AT_ONCE) not in VISIBILITIES:
        _refuse(
            400,
            _(
                "draft_round_bad_visibility",
                default="Choose when comments are seen.",
            ),
        )
    invitees, members = resolve_people(
        details.get("groups", ()), details.get("contacts", ()), details.get("users", ())
    )
    if not invitees and not members:
        _refuse(
            400,
            _(
                "draft_round_no_recipients",
                default="Choose at least one contact group, contact or user to invite.",
            ),
        )
    found = _rounds(draft, create=True)
    number = (found.maxKey() + 1) if found else 1
    round = Round(number, deadline, actor, at, **details)
    round.invitees, round.members = invitees, members
    round.snapshot = snapshot(draft)
    round.version_id = save_version(draft, number)
    found[number] = round
    for userid in members:
        roles = set(draft.get_local_roles_for_userid(userid)) | {PARTICIPANT}
        draft.manage_setLocalRoles(userid, sorted(roles))
    if round.guests_allowed:
        guests.admit(draft)
    with round_change(draft):
        api.content.transition(draft, "open_round")
    draft.reindexObjectSecurity()
    if invite and round.invitees:  # site users alone get no mail
        start_invitations(draft, round, actor, at)
    return round


def close_round(draft, actor, at=None):
    """Close the open round: its guest links end, guests are shut out,
    comments held until the deadline are published. Returns the Round;
    raises ``RoundRefused`` (409) when none is open."""
    at = at or now()
    round = open_round_of(draft)
    if round is None:
        _refuse(
            409,
            _(
                "draft_round_none_open",
                default="No comment round is open.",
            ),
        )
    round.closed_at, round.closed_by = at, actor
    revoke_links(draft, round, actor, at)
    guests.shut(draft)
    with round_change(draft):
        api.content.transition(draft, "close_round")
    publish_held_comments(draft)
    draft.reindexObjectSecurity()
    return round


def revoke_links(draft, round, actor, at):
    """End every live guest link of ``round``."""
    for uid in round.invitees:
        for record in tokens.tokens_of(GUEST_PURPOSE, round.guest_subject(draft, uid)):
            if record.state(at) == "valid":
                tokens.revoke(record.token_id, actor=actor, at=at)


def publish_held_comments(draft):
    """Publish the comments a round kept back until its deadline (the
    round's consequence, whoever or whatever closes it)."""
    workflow = api.portal.get_tool("portal_workflow")
    conversation = IConversation(draft, None)
    held = [
        comment
        for comment in (conversation.getComments() if conversation is not None else ())
        if workflow.getInfoFor(comment, "review_state", None) == "pending"
    ]
    with api.env.adopt_roles(["Manager"]):
        for comment in held:
            workflow.doActionFor(comment, "publish")


def save_version(draft, number):
    """Keep the text the round opens on as a CMFEditions version (the
    round's doing, whoever opens it: the lead author may not save
    versions by hand)."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        repository.save(obj=draft, comment=f"Round {number}")
    history = repository.getHistoryMetadata(draft)
    return history.getLength(countPurged=False) - 1 if history else None


def _iso(value):
    return value.astimezone(UTC).isoformat() if value is not None else None


def round_info(draft, round, full=False):
    """A round as pages and REST show it; ``full`` (the secretariat and
    the lead author) adds its recipients and its mail's delivery."""
    info = {
        "number": round.number,
        "state": "open" if round.is_open else "closed",
        "instructions": round.instructions,
        "deadline": _iso(round.deadline),
        "zone": round.zone,
        "guests_allowed": round.guests_allowed,
        "visibility": round.visibility,
        "opened_at": _iso(round.opened_at),
        "closed_at": _iso(round.closed_at),
    }
    if full:
        log = delivery_log(draft, round.invitations_key)
        info.update(
            {
                "groups": list(round.groups),
                "contacts": list(round.contacts),
                "users": list(round.users),
                "invitees": len(round.invitees),
                "members": list(round.members),
                "opened_by": round.opened_by,
                "closed_by": round.closed_by,
                "invitations": counts(log) if log is not None else None,
                "reminders": len(round.reminded),
            }
        )
    return info
