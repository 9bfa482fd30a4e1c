"""What the probes send (deep nesting, wrong types, control characters,
dates at the calendar's edges) and their base class, which snapshots
everything a probe might change."""

from collab.portal.comments.flags import flaggers
from collab.portal.following.followers import following
from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
import transaction


NESTED = "[" * 100000 + "]" * 100000


NESTED_OBJECT = '{"a":' * 50000 + "1" + "}" * 50000


WRONG_TYPES = (None, True, 5, 1.5, [], ["1"], {}, {"a": 1}, "")


CONTROL = "bad\x00\x01\x0b\x0c\x1b\ud800text"


FORM_CONTROL = CONTROL.replace("\ud800", "")


EDGE_DATES = (
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59+00:00",
    "1999-12-31T23:59:59+00:00",
    "2101-01-01T00:00:00+00:00",
    "10000-01-01T00:00:00+00:00",
    "abc",
    5,
    [],
)


class ProbeTestCase(ForumTestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        api.user.create(email="m2@example.org", username="member2", password=PASSWORD)
        self.group = self.forum["monitoring"]
        self.comment_id = add_comment(self.group, "member", "Mine.")
        transaction.commit()
        self.group_url = self.group.absolute_url()
        self.site_url = self.portal.absolute_url()

    def session(self, login, language="fr"):
        return rest_session(self.site_url, login, language)

    def assert_no_500(self, response):
        self.assertLess(response.status_code, 500, response.text[:500])

    def assert_refused(self, response):
        """A 4xx with a JSON message."""
        self.assertGreaterEqual(response.status_code, 400, response.text[:500])
        self.assertLess(response.status_code, 500, response.text[:500])
        body = response.json()
        message = body.get("message") or body.get("error", {}).get("message")
        self.assertTrue(message, body)

    def snapshot(self):
        """What any probe might have changed."""
        transaction.begin()
        conversation = IConversation(self.forum["monitoring"])
        member = api.user.get(username="member")
        return {
            "comments": sorted(
                (c.comment_id, c.text) for c in conversation.getComments()
            ),
            "flags": list(flaggers(conversation[self.comment_id])),
            "state": api.content.get_state(conversation[self.comment_id]),
            "following": following(self.forum["monitoring"], "member") is not None,
            "window": (self.forum.opens, self.forum.closes),
            "group_window": (self.group.opens, self.group.closes),
            "fullname": member.getProperty("fullname"),
            "organisation": member.getProperty("organisation"),
            "home_page": member.getProperty("home_page"),
            "users": sorted(u.getId() for u in api.user.get_users()),
            "groups_of_member": sorted(
                g.getId() for g in api.group.get_groups(username="member")
            ),
            "forum_ids": sorted(self.forum.objectIds()),
        }

    def post_raw(self, session, method, url, data):
        return session.request(
            method, url, data=data, headers={"Content-Type": "application/json"}
        )
