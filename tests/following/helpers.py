"""Fixtures of the following tests: a forum, followers, the real SMTP
server's mailbox and the MailHost queue."""

from collab.portal.following.followers import following
from collab.portal.testing import MAIL_TESTING
from forum.helpers import make_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import create_role_users
from portal_helpers import MailTestCase
from portal_helpers import page_browser
from portal_helpers import PASSWORD
from portal_helpers import queued
from portal_helpers import rest_session
from portal_helpers import url
import os
import transaction


GROUP = "en/capacity-forum/monitoring"


def sending_marks(queue):
    return [
        name
        for folder in ("new", "cur")
        for name in os.listdir(os.path.join(queue, folder))
        if name.startswith(".sending-")
    ]


def unfollow_link(message):
    return str(message["List-Unsubscribe"]).strip().strip("<>")


def body(message):
    return message.get_body(("plain",)).get_content()


class FailAtVote:
    """A resource that makes the commit fail after the before-commit hooks
    ran, as a write conflict found at vote does."""

    transaction_manager = transaction.manager

    def sortKey(self):
        return "~ last"

    def tpc_vote(self, txn):
        from ZODB.POSException import ConflictError

        raise ConflictError("simulated")

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_abort = tpc_finish = abort


class FollowingTestCase(MailTestCase):
    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        create_role_users(self.portal)
        for login, language in (("follower", ""), ("lector", "es")):
            api.user.create(
                email=f"{login}@example.org",
                username=login,
                password=PASSWORD,
                roles=["Member"],
                properties={"fullname": login.title(), "language": language},
            )
        member = api.user.get(username="member")
        member.setMemberProperties(
            {"fullname": "Ana Member", "organisation": "SEMARNAT", "country": "MX"}
        )
        self.forum = make_forum(self.portal["en"])
        transaction.commit()
        self.group = self.forum["monitoring"]

    def delivered(self, count, timeout=20):
        """Exactly ``count`` messages: wait for them, then for the queue to
        be empty, so a message too many would show."""
        messages = self.mailbox.wait_for(count, timeout) if count else []
        self.wait_for_empty_queue()
        self.assertEqual(queued(self.queue), [])
        messages = self.mailbox.messages
        self.assertEqual(len(messages), count, [m[2]["Subject"] for m in messages])
        return messages

    def rest(self, login, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def follow(self, login, path=GROUP, mode="immediate", language="en"):
        session = self.rest(login, language)
        return session.post(url(session, f"{path}/@follow"), json={"mode": mode})

    def followed(self, login, path=GROUP, mode="immediate", language="en"):
        """Follow and check it took: the answer, and the stored mode (a test
        of what followers get must not pass because nobody followed)."""
        response = self.follow(login, path, mode, language)
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        record = following(self.portal.unrestrictedTraverse(path), login)
        self.assertIsNotNone(record, f"{login} does not follow {path}")
        self.assertEqual(record.mode, mode)
        return record

    def post(self, text, login="member", path=GROUP, reply_to="", **extra):
        session = self.rest(login)
        response = session.post(
            url(session, f"{path}/@comments/{reply_to}".rstrip("/")),
            json={"text": text, **extra},
        )
        self.assertEqual(response.status_code, 204, response.text)

    def comments(self):
        transaction.begin()
        return list(IConversation(self.group).getComments())

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)
