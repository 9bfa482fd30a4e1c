"""Demo forums: the 2012 capacity-building forum, rebuilt in en/es/fr from
the facts of its public page (titles, dates, schedule remarks, outcomes;
questions and texts in our own words), and a live forum whose current group
is open right after ``make start``.

The texts and dates are data (``demo_forums.json``); this module only
builds content from them. The distribution's demo profile calls it.

Each language version has an id of its own language, from words of its own
title (``/es/creacion-de-capacidad-2012``), as an editor's translation
gets through plone.app.multilingual or REST; ``id`` in the data is the
English one, ``ids`` the others.
"""

from collab.portal import clock
from collab.portal.comments.conversation import conversation_holder
from collab.portal.comments.limits import recording_history
from collab.portal.content.translations import create_translated
from collab.portal.content.translations import link_translations
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from zope.component import createObject
import json
import pathlib


def _load():
    data = json.loads(
        (pathlib.Path(__file__).parent / "demo_forums.json").read_text("utf-8")
    )
    forum = data["forum_2012"]
    for spec in [forum, *forum["groups"]]:
        spec["opens"] = datetime.fromisoformat(spec["opens"])
        spec["closes"] = datetime.fromisoformat(spec["closes"])
    return forum, data["live_forum"]


FORUM_2012, LIVE_FORUM = _load()


def local_id(spec, language):
    """The id of the ``language`` version of a demo forum or group."""
    return spec.get("ids", {}).get(language, spec["id"])


def demo_ids(language):
    """``{English id: id in language}`` of every demo forum and of its
    groups, forum first: what an upgrade renames on older sites."""
    pairs = {FORUM_2012["id"]: local_id(FORUM_2012, language)}
    for spec in FORUM_2012["groups"]:
        pairs[spec["id"]] = local_id(spec, language)
    pairs[LIVE_FORUM["id"]] = local_id(LIVE_FORUM, language)
    group_ids = LIVE_FORUM["group_ids"]
    pairs.update(
        zip(group_ids["en"], group_ids.get(language, group_ids["en"]), strict=True)
    )
    return pairs


def first(versions):
    return next(iter(versions.values()))


def _transition_to(obj, steps):
    for step in steps:
        api.content.transition(obj, transition=step)


def _create(container, portal_type, **fields):
    return create_translated(container, portal_type, container.Language(), **fields)


def create_forum_2012(portal, languages):
    forums, groups = {}, {}
    for code in languages:
        text = FORUM_2012[code]
        forum = _create(
            portal[code],
            "Forum",
            id=local_id(FORUM_2012, code),
            title=text["title"],
            description=text["description"],
            purpose=RichTextValue(text["purpose"]),
            expected_outcomes=RichTextValue(text["outcomes"]),
            participation_note=text["note"],
            opens=FORUM_2012["opens"],
            closes=FORUM_2012["closes"],
        )
        forums[code] = forum
        for spec in FORUM_2012["groups"]:
            title, remarks, questions = spec[code]
            group = _create(
                forum,
                "DiscussionGroup",
                id=local_id(spec, code),
                title=title,
                guiding_questions=questions,
                schedule_remarks=remarks,
                opens=spec["opens"],
                closes=spec["closes"],
            )
            groups.setdefault(spec["id"], {})[code] = group
    link_translations(forums)
    for versions in groups.values():
        link_translations(versions)
        # One version moves them all (forum.subscribers).
        _transition_to(first(versions), ["schedule", "open", "close"])
    with recording_history():
        for gid, code, author, text, question in FORUM_2012["comments"]:
            if gid in groups and code in groups[gid]:
                _add_comment(groups[gid][code], author, text, question, code)
    for forum in forums.values():
        _transition_to(forum, ["publish", "archive"])
    return forums


def create_live_forum(portal, languages, now=None):
    now = now or clock.now().replace(second=0, microsecond=0)
    forums, groups = {}, {}
    windows = [
        (now - timedelta(hours=1), now + timedelta(days=14)),
        (now + timedelta(days=15), now + timedelta(days=29)),
    ]
    for code in languages:
        title, description, specs = LIVE_FORUM[code]
        forum = _create(
            portal[code],
            "Forum",
            id=local_id(LIVE_FORUM, code),
            title=title,
            description=description,
            opens=windows[0][0],
            closes=windows[-1][1],
        )
        forums[code] = forum
        group_ids = LIVE_FORUM["group_ids"].get(code, LIVE_FORUM["group_ids"]["en"])
        for n, ((gtitle, question), gid, (opens, closes)) in enumerate(
            zip(specs, group_ids, windows, strict=True), start=1
        ):
            group = _create(
                forum,
                "DiscussionGroup",
                id=gid,
                title=gtitle,
                guiding_questions=[question],
                opens=opens,
                closes=closes,
            )
            groups.setdefault(n, {})[code] = group
    link_translations(forums)
    for versions in groups.values():
        link_translations(versions)
        _transition_to(first(versions), ["schedule"])
    for forum in forums.values():
        _transition_to(forum, ["publish"])
    _transition_to(first(groups[1]), ["open"])
    return forums


def _add_comment(group, author, text, question, language):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.mime_type = "text/plain"
    comment.author_name = author
    comment.guiding_question = question
    comment.language = language
    comment.creation_date = comment.modification_date = conversation_holder(
        group
    ).opens + timedelta(days=1)
    IConversation(group).addComment(comment)
