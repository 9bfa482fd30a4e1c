"""A round's invitations and reminders: ``mail.batches`` sendings with a
delivery log on the draft, one message per invited contact, each in the
contact's language (issue 22, Behaviour 2 and 5).

When the round takes guests, each message carries the contact's personal
link, ``<draft>/@@guest?contact=<uid>&token=<token>``. The token is
issued while the message is composed, inside the batch step that queues
it: a step that dies commits neither the message nor its token, so the
next run issues exactly one link per person. Mail never carries comment
text.
"""

from collab.portal import _
from collab.portal import tokens
from collab.portal.clock import now
from collab.portal.clock import tick_soon
from collab.portal.content.contact import email_key
from collab.portal.dates import format_date
from collab.portal.mail import batches
from collab.portal.mail.batches import Composed
from collab.portal.mail.batches import IBatchRecipients
from collab.portal.mail.delivery import delivery_log
from collab.portal.mail.delivery import QUEUED
from collab.portal.mail.delivery import SCHEDULED
from collab.portal.mail.delivery import SENDING
from collab.portal.mail.delivery import SENT
from math import ceil
from plone import api
from urllib.parse import urlencode
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer


# Stored name: the purpose of every guest token of a draft.
GUEST_PURPOSE = "collab.portal.drafts.guest"
# The Message-Id's domain of a round's messages.
DOMAIN = "round.collab"
LANGUAGES = ("en", "es", "fr")


@implementer(IBatchRecipients)
class RoundRecipients:
    """The invited contacts of a round with an address (``only``: a
    subset of their UIDs, e.g. those a reminder goes to)."""

    def __init__(self, draft, round, only=None):
        self.draft = draft
        self.round = round
        self.only = only

    def uids(self):
        uids = self.round.invitees
        return [uid for uid in uids if self.only is None or uid in self.only]

    def all(self):
        found = self.by_uid(self.uids())
        seen = set()
        for uid in self.uids():
            contact = found.get(uid)
            key = email_key(getattr(contact, "email", "")) if contact else ""
            if key and key not in seen:
                seen.add(key)
                yield contact

    def by_uid(self, uids):
        catalog = api.portal.get_tool("portal_catalog")
        found = {}
        for brain in catalog.unrestrictedSearchResults(UID=list(uids)):
            contact = brain._unrestrictedGetObject()
            if contact is not None:
                found[brain.UID] = contact
        return found


INVITATION_SUBJECT = _(
    "draft_invitation_subject",
    default="Comments invited: ${title} (round ${number})",
)
REMINDER_SUBJECT = _(
    "draft_reminder_subject",
    default="Reminder: comments on ${title} close on ${deadline}",
)
INVITATION_BODY = _(
    "draft_invitation_body",
    default="Dear ${name},\n\nYou are invited to comment on the draft "
    '"${title}" in its comment round ${number}. Comments close on '
    "${deadline}.\n\n${instructions}\n\n${access}\n",
)
REMINDER_BODY = _(
    "draft_reminder_body",
    default='Dear ${name},\n\nComments on the draft "${title}" (round '
    "${number}) close on ${deadline}, and we have not yet received yours."
    "\n\n${access}\n",
)
GUEST_ACCESS = _(
    "draft_invitation_guest_access",
    default="Open your personal link to read the draft and comment, no "
    "account needed:\n${link}\n\nThe link is yours alone: please do not "
    "forward it. It ends when the round closes. If you have an account "
    "on the portal you may also log in and open ${url}",
)
MEMBER_ACCESS = _(
    "draft_invitation_member_access",
    default="Log in to the portal to read the draft and comment:\n${url}",
)


def guest_link(draft, round, contact_uid, actor, store=None):
    """A new personal link of ``round`` for the contact ``contact_uid``:
    valid until a day after the deadline at most (closing the round ends
    it at once)."""
    days = max(ceil((round.deadline - now()).total_seconds() / 86400), 0) + 1
    token = tokens.issue(
        GUEST_PURPOSE,
        round.guest_subject(draft, contact_uid),
        days,
        actor=actor,
        store=store,
    )
    query = urlencode({"contact": contact_uid, "token": token})
    return f"{draft.absolute_url()}/@@guest?{query}"


class RoundMessages:
    """The compose callable of a round's sendings."""

    def __init__(self, draft, round, reminder=False):
        self.draft = draft
        self.round = round
        self.reminder = reminder
        self.url = draft.absolute_url()
        self.store = tokens.token_store(create=True)

    def language_of(self, contact):
        language = getattr(contact, "preferred_language", None) or ""
        if language not in LANGUAGES:
            language = getattr(self.draft, "language", None) or "en"
        return language if language in LANGUAGES else "en"

    def link(self, contact):
        return guest_link(
            self.draft, self.round, contact.UID(), self.round.opened_by, self.store
        )

    def __call__(self, contact):
        language = self.language_of(contact)
        request = getRequest()

        def say(message, **mapping):
            message = Message(message, mapping=mapping) if mapping else message
            return translate(message, target_language=language, context=request)

        if self.round.guests_allowed:
            access = say(GUEST_ACCESS, link=self.link(contact), url=self.url)
        else:
            access = say(MEMBER_ACCESS, url=self.url)
        values = {
            "name": contact.title or "",
            "title": self.draft.title,
            "number": str(self.round.number),
            "deadline": format_date(self.round.deadline, language),
            "instructions": self.round.instructions or "",
            "access": access,
        }
        subject = REMINDER_SUBJECT if self.reminder else INVITATION_SUBJECT
        body = REMINDER_BODY if self.reminder else INVITATION_BODY
        return Composed(language, say(subject, **values), say(body, **values))


def start_invitations(draft, round, actor, at=None):
    """Mark the round's invitations for sending; the clock writes them."""
    log = delivery_log(draft, round.invitations_key, create=True)
    batches.start(log, actor, at or now())
    wake_the_clock()
    return log


def start_reminder(draft, round, uids, actor, at=None):
    """A reminder to the invited contacts ``uids`` (those who have not
    commented); returns its log key."""
    round.reminded = (*round.reminded, tuple(uids))
    key = round.reminder_key(len(round.reminded))
    log = delivery_log(draft, key, create=True)
    batches.start(log, actor, at or now())
    wake_the_clock()
    return key


def wake_the_clock():
    request = getRequest()
    if request is not None and getattr(request, "response", None) is not None:
        tick_soon(api.portal.get(), request)


def sendings(draft, round):
    """``(log, recipients, compose, label)`` of each sending of ``round``."""
    found = []
    log = delivery_log(draft, round.invitations_key)
    if log is not None:
        found.append(
            (
                log,
                RoundRecipients(draft, round),
                RoundMessages(draft, round),
                "invitations",
            )
        )
    for number, uids in enumerate(round.reminded, start=1):
        log = delivery_log(draft, round.reminder_key(number))
        if log is not None:
            only = set(uids)
            found.append(
                (
                    log,
                    RoundRecipients(draft, round, only),
                    RoundMessages(draft, round, reminder=True),
                    f"reminder {number}",
                )
            )
    return found


def at_work(log):
    """Whether a sending has messages to write or queued ones to follow
    (read only: a quiet tick writes nothing)."""
    if log.state in (SCHEDULED, SENDING):
        return True
    return log.state == SENT and any(
        record.status == QUEUED for record in log.records.values()
    )


def sendings_at_work(draft, round):
    return any(at_work(log) for log, *_rest in sendings(draft, round))


def write_and_follow(draft, round, at):
    """The clock's work on a round's sendings: due batches written, queued
    messages followed up. Returns how many messages were queued."""
    queue = api.portal.get_tool("MailHost").smtp_queue_directory
    queued = 0
    for log, recipients, compose, label in sendings(draft, round):
        if not at_work(log):
            continue
        if batches.due(log, at):
            queued += batches.write_batches(
                log,
                recipients,
                compose,
                email_key,
                f"draft {draft.UID()} round {round.number} {label}",
                DOMAIN,
            )
        batches.follow_up(log, queue)
    return queued


def draft_tokens(draft, rounds):
    """Every guest link issued for ``rounds`` of ``draft``, newest first."""
    found = []
    for round in rounds:
        for uid in round.invitees:
            found.extend(
                tokens.tokens_of(GUEST_PURPOSE, round.guest_subject(draft, uid))
            )
    return sorted(found, key=lambda record: record.issued, reverse=True)
