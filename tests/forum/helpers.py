"""Fixtures of the forum tests: a forum with a group in each state, its
translations, and the base class of tests that use it."""

from collab.portal.content.translations import create_translated
from collab.portal.testing import FUNCTIONAL_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from portal_helpers import create_role_users
from portal_helpers import page_browser
import transaction
import unittest


NOW = datetime.now(UTC).replace(microsecond=0)


def days(n):
    return NOW + timedelta(days=n)


def make_forum(container):
    with api.env.adopt_roles(["Manager"]):
        forum = create_translated(
            container,
            "Forum",
            container.getId(),
            id="capacity-forum",
            title="Strategic approaches to capacity-building",
            purpose=RichTextValue("<p>Review the Action Plan.</p>"),
            expected_outcomes=RichTextValue("<p>A revised Action Plan.</p>"),
            participation_note="Participation is limited to registered users.",
            opens=days(-20),
            closes=days(40),
        )
        api.content.transition(forum, to_state="published")
        specs = [
            (
                "monitoring",
                "Monitoring and evaluation",
                -3,
                5,
                "open",
                "Runs two weeks because of the holidays.",
            ),
            ("findings", "Findings of the evaluation", -20, -10, "closed", ""),
            ("coordination", "Coordination mechanism", 10, 15, "scheduled", ""),
            ("draft-group", "Not announced yet", 20, 25, "draft", ""),
        ]
        for gid, title, start, end, state, remarks in specs:
            group = create_translated(
                forum,
                "DiscussionGroup",
                container.getId(),
                id=gid,
                title=title,
                guiding_questions=["What worked?", "What should change?"],
                opens=days(start),
                closes=days(end),
                schedule_remarks=remarks,
            )
            for step in {
                "draft": [],
                "scheduled": ["schedule"],
                "open": ["schedule", "open"],
                "closed": ["schedule", "open", "close"],
            }[state]:
                api.content.transition(group, transition=step)
    return forum


class ForumTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.forum = make_forum(self.portal["en"])
        transaction.commit()
        self.forum_url = self.forum.absolute_url()

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)

    def comments(self, gid):
        transaction.begin()
        return list(IConversation(self.forum[gid]).getComments())


def site_path(obj):
    """``obj``'s path below the site, e.g. ``es/estrategia/seguimiento``."""
    return obj.absolute_url(1).split("/", 1)[1]


def translate_forum(forum, language):
    """The es/fr version of a forum and its groups, linked as translations,
    each at an id from its own title as an editor's translation gets it
    (so no test can count on a translation having the English id)."""
    from plone.app.multilingual.interfaces import ITranslationManager

    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        copy = create_translated(
            portal[language],
            "Forum",
            language,
            title=f"{forum.title} ({language})",
            opens=forum.opens,
            closes=forum.closes,
        )
        ITranslationManager(forum).register_translation(language, copy)
        api.content.transition(copy, to_state="published")
        for group in forum.contentValues():
            twin = create_translated(
                copy,
                "DiscussionGroup",
                language,
                title=f"{group.title} ({language})",
                guiding_questions=list(group.guiding_questions),
                opens=group.opens,
                closes=group.closes,
            )
            ITranslationManager(group).register_translation(language, twin)
            for step in {
                "scheduled": ["schedule"],
                "open": ["schedule", "open"],
                "closed": ["schedule", "open", "close"],
            }.get(api.content.get_state(group), []):
                api.content.transition(twin, transition=step)
    return copy
