"""The shared clock: one tick event, each feature's own subscriber, and a
tick that never loads what archived forums hold."""

from collab.portal import clock
from collab.portal.clock import IClockTick
from collab.portal.clock import tick
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from portal_helpers import add_comment
from unittest import mock
from zope.component import getGlobalSiteManager
from zope.component import getSiteManager
from zope.component import provideHandler
import unittest


def days(n):
    return datetime.now(UTC) + timedelta(days=n)


def forum_with_group(container, fid, state, group_state="scheduled"):
    """A forum in ``state`` holding one group whose window has passed."""
    forum = api.content.create(
        container, "Forum", id=fid, title=fid, opens=days(-20), closes=days(20)
    )
    api.content.transition(forum, to_state="published")
    group = api.content.create(
        forum, "DiscussionGroup", id="g", title="G", opens=days(-9), closes=days(-2)
    )
    api.content.transition(group, to_state=group_state)
    if state == "archived":
        api.content.transition(forum, to_state="archived")
    return forum, group


def registries(registry):
    """The registry and every registry below it (test layers stack them)."""
    yield registry
    for base in registry.__bases__:
        yield from registries(base)


class TestClockTick(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.en = self.portal["en"]

    def test_each_feature_subscribes_with_its_own_handler(self):
        handlers = {
            f"{reg.handler.__module__}.{reg.handler.__name__}"
            for registry in registries(getSiteManager())
            for reg in registry.registeredHandlers()
            if reg.required and reg.required[0] is IClockTick
        }
        self.assertEqual(
            handlers,
            {
                "collab.portal.forum.tasks.on_tick",
                "collab.portal.comments.tasks.on_tick",
                "collab.portal.following.tasks.on_tick",
                "collab.portal.mail.tasks.on_tick",
                "collab.portal.contacts.tasks.on_tick",
                "collab.portal.drafts.tasks.on_tick",
            },
        )

    def test_one_event_per_tick_with_its_time_and_the_changes(self):
        seen = []

        def listener(event):
            seen.append((event.at, clock.clock_is_running()))
            event.changes.append({"listener": True})

        provideHandler(listener, (IClockTick,))
        try:
            at = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
            changes = tick(at)
        finally:
            getGlobalSiteManager().unregisterHandler(listener, (IClockTick,))
        self.assertEqual(seen, [(at, True)])
        self.assertIn({"listener": True}, changes)
        self.assertFalse(clock.clock_is_running())

    def test_archived_forums_are_not_loaded(self):
        with api.env.adopt_roles(["Manager"]):
            _live, live_group = forum_with_group(self.en, "live", "published")
            _old, old_group = forum_with_group(self.en, "old", "archived")
        summarised = []
        from collab.portal.forum import tasks

        real = tasks.public_summary

        def spy(group):
            summarised.append(group.getId() + "@" + group.aq_parent.getId())
            return real(group)

        with mock.patch.object(tasks, "public_summary", spy):
            changes = tick()
        moved = {change["group"] for change in changes}
        self.assertIn(live_group.absolute_url(), moved)
        self.assertEqual(api.content.get_state(live_group), "closed")
        # The archived forum's group is neither moved nor summarised.
        self.assertNotIn(old_group.absolute_url(), moved)
        self.assertEqual(api.content.get_state(old_group), "scheduled")
        self.assertIn("g@live", summarised)
        self.assertNotIn("g@old", summarised)

    def test_words_of_new_comments_are_indexed_on_the_tick(self):
        with api.env.adopt_roles(["Manager"]):
            _forum, group = forum_with_group(self.en, "words", "published", "open")
            api.user.create(email="w@example.org", username="writer")
        add_comment(group, "writer", "Zanzibarian flamingos")
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(len(catalog(SearchableText="Zanzibarian")), 0)
        tick()
        self.assertEqual(len(catalog(SearchableText="Zanzibarian")), 1)

    def test_a_quiet_tick_writes_nothing(self):
        from collab.portal.comments.tasks import LAST_RUN_KEY
        from collab.portal.comments.tasks import SETTLE
        from zope.annotation.interfaces import IAnnotations

        annotations = IAnnotations(self.portal)
        start = datetime.now(UTC)
        tick(start)
        self.assertEqual(annotations[LAST_RUN_KEY], start)
        tick(start + timedelta(minutes=1))
        self.assertEqual(annotations[LAST_RUN_KEY], start)
        later = start + SETTLE
        tick(later)
        self.assertEqual(annotations[LAST_RUN_KEY], later)
