"""The demo draft (issue 22, Behaviour 8): a fictitious draft resolution
in its second comment round. Its first round had comments, proposed
wording and replies from several countries, each answered by the lead
author; the second text took some in, deleted a paragraph (its comment is
in the orphaned section) and added one; the second round has comments of
its own. No invitation leaves: the contacts are fictitious, and the
secretariat can issue a link from the rounds page to try one.

The text and the comments are data (``demo_draft.json``); this module
builds them through the feature's own functions (rounds, the comment
policy's anchoring, the paragraph ids), in the past by the clock's
``moved_to``, never twice.
"""

from collab.portal import tokens
from collab.portal.clock import moved_to
from collab.portal.clock import now
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import open_round
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from z3c.relationfield import RelationValue
from zope.component import createObject
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent
import json
import pathlib


ACTOR = "admin"


def demo_data():
    return json.loads(
        (pathlib.Path(__file__).parent / "demo_draft.json").read_text("utf-8")
    )


def create_demo_draft(portal, at=None):
    """The demo draft in ``/en`` (if the site has English and a contact
    directory, and the draft is not there yet). Returns it, or None."""
    data = demo_data()
    root = portal.get("en")
    directory = portal.get("contacts")
    if root is None or directory is None or data["id"] in root.objectIds():
        return None
    at = at or now()
    with api.env.adopt_roles(["Manager"]):
        with moved_to(at - timedelta(days=30)):
            draft = api.content.create(
                root,
                "DraftDocument",
                id=data["id"],
                title=data["title"],
                description=data["description"],
                text=_body(data["round_1"]["body"]),
                lead_author_contact=RelationValue(
                    getUtility(IIntIds).getId(directory[data["lead_author_contact"]])
                ),
            )
        comments = _round(
            draft,
            directory,
            data["round_1"],
            data["comments_1"],
            at - timedelta(days=30),
        )
        with moved_to(at - timedelta(days=14)):
            close_round(draft, ACTOR)
            for spec in data["comments_1"]:
                if spec.get("disposition"):
                    comment = comments[spec["key"]]
                    comment.disposition = spec["disposition"]
                    comment.response = spec["response"]
        with moved_to(at - timedelta(days=10)):
            draft.text = _body(data["round_2"]["body"])
            notify(ObjectModifiedEvent(draft))
        _round(
            draft,
            directory,
            data["round_2"],
            data["comments_2"],
            at - timedelta(days=2),
        )
    return draft


def _body(blocks):
    return RichTextValue("".join(blocks), "text/html", "text/x-html-safe")


def _round(draft, directory, spec, comment_specs, opened):
    """Open a round at ``opened`` (no invitations) and add its comments,
    a day apart. Returns ``{key: comment}``."""
    group = directory[spec["group"]]
    deadline = opened + timedelta(days=spec.get("days", 16))
    with moved_to(opened):
        round = open_round(
            draft,
            deadline,
            ACTOR,
            invite=False,
            instructions=spec["instructions"],
            groups=(group.UID(),),
        )
    pids = [paragraph.id for paragraph in read_table(draft).paragraphs()]
    added = {}
    for day, comment_spec in enumerate(comment_specs, start=1):
        with moved_to(opened + timedelta(hours=6 * day)):
            added[comment_spec["key"]] = _comment(
                draft,
                round,
                directory[comment_spec["contact"]],
                comment_spec,
                pids,
                added,
            )
    return added


def _comment(draft, round, contact, spec, pids, added):
    """A guest comment of ``contact``, signed by their contact record, by
    the link the round would have sent them."""
    subject = round.guest_subject(draft, contact.UID())
    if not tokens.tokens_of(GUEST_PURPOSE, subject):
        guest_link(draft, round, contact.UID(), ACTOR)
    record = tokens.tokens_of(GUEST_PURPOSE, subject)[0]
    comment = createObject("plone.Comment")
    comment.text = spec["text"]
    comment.mime_type = "text/plain"
    comment.author_username = f"guest:{record.token_id}"
    comment.author_name = contact.title
    comment.author_organisation = contact.organisation or ""
    comment.author_country = contact.country or ""
    comment.creation_date = comment.modification_date = now()
    if "reply_to" in spec:
        comment.in_reply_to = added[spec["reply_to"]].comment_id
    elif not spec.get("general"):
        comment.paragraph = pids[spec["paragraph"]]
        comment.quote = spec.get("quote") or None
        if spec.get("suggestion"):
            comment.suggestion = spec["suggestion"]
    conversation = IConversation(draft)
    comment_id = conversation.addComment(comment)
    return conversation[comment_id]
