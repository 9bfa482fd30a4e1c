"""Following a forum or discussion group: e-mail for new comments at once
or as a daily digest, through the MailHost queue to a real SMTP server;
one-click unfollow; the Follow control, ``@follow`` and who may follow."""

from collab.portal.clock import tick
from collab.portal.content.window import now
from collab.portal.following.followers import followers
from collab.portal.following.followers import following
from collab.portal.testing import MAIL_TESTING
from collab.portal.testing_fixtures import free_port
from datetime import timedelta
from forum.helpers import make_forum
from forum.helpers import translate_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.testing.zope import Browser
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
from urllib.parse import urlencode
import os
import requests
import time
import transaction
import unittest


GROUP = "en/capacity-forum/monitoring"


def queued(queue):
    """Messages waiting in the MailHost queue (not yet delivered)."""
    return [
        name
        for folder in ("new", "cur")
        for name in os.listdir(os.path.join(queue, folder))
        if not name.startswith(".")
    ]


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


class FollowingTestCase(unittest.TestCase):
    layer = MAIL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.mailbox = self.layer["mailbox"]
        self.queue = self.layer["mail_queue"]
        self.wait_for_empty_queue()
        self.mailbox.clear()
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

    def wait_for_empty_queue(self, timeout=20):
        deadline = time.monotonic() + timeout
        while queued(self.queue) and time.monotonic() < deadline:
            time.sleep(0.05)

    def delivered(self, count):
        """Exactly ``count`` messages: wait for them, then for the queue to
        be empty, so a message too many would show."""
        messages = self.mailbox.wait_for(count) if count else []
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
        browser = Browser(self.layer["app"])
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        browser.addHeader("Accept-Language", language)
        if login:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        return browser


class TestImmediateMail(FollowingTestCase):
    def test_follower_mailed_author_not(self):
        self.assertEqual(self.follow("follower").status_code, 201)
        self.assertEqual(self.follow("member").status_code, 201)
        self.post("Baselines first.", guiding_question=2)
        ((mail_from, to, message),) = self.delivered(1)
        self.assertEqual(to, ["follower@example.org"])
        self.assertEqual(mail_from, "secretariat@example.org")
        self.assertIn("Secretariat", message["From"])
        self.assertEqual(
            message["Subject"],
            'New comment by Ana Member in "Monitoring and evaluation"',
        )
        text = body(message)
        self.assertIn("Ana Member (SEMARNAT, Mexico) commented", text)
        self.assertIn("Guiding question 2: What should change?", text)
        self.assertIn("Baselines first.", text)
        (comment,) = self.comments()
        self.assertIn(f"{self.group.absolute_url()}#{comment.comment_id}", text)
        link = unfollow_link(message)
        self.assertTrue(
            link.startswith(f"{self.group.absolute_url()}/@@unfollow?user=follower&")
        )
        self.assertIn(link, text)
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertEqual(message["Auto-Submitted"], "auto-generated")

    def test_language_and_link_of_the_reader(self):
        # lector reads Spanish (member setting); follower has no setting and
        # gets the language the comment was written in.
        es = translate_forum(self.forum, "es")
        transaction.commit()
        self.follow("lector")
        self.follow("follower")
        self.post("Desde la página española.", path="es/capacity-forum/monitoring")
        messages = {to[0]: message for _f, to, message in self.delivered(2)}
        (comment,) = self.comments()
        for address in ("lector@example.org", "follower@example.org"):
            message = messages[address]
            self.assertEqual(
                message["Subject"],
                "Nuevo comentario de Ana Member en «Monitoring and evaluation (es)»",
            )
            text = body(message)
            self.assertIn("Ana Member (SEMARNAT, México) comentó", text)
            self.assertIn(
                f"{es['monitoring'].absolute_url()}#{comment.comment_id}", text
            )
            self.assertIn("Deje de recibir estos correos con un clic", text)

    def test_no_mail_for_who_may_not_view(self):
        self.follow("follower")
        self.follow("editor")
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            self.group.manage_permission(
                "View", ["Manager", "Site Administrator", "Editor", "Owner"], 0
            )
        transaction.commit()
        self.post("Only editors read this.", login="editor")
        self.delivered(0)
        self.post("Editors and their mail.", login="siteadmin")
        ((_f, to, _m),) = self.delivered(1)
        self.assertEqual(to, ["editor@example.org"])

    def test_forum_and_group_followed_one_mail(self):
        self.follow("follower", path="en/capacity-forum")
        self.follow("follower")
        self.post("Once is enough.")
        ((_f, to, message),) = self.delivered(1)
        self.assertEqual(to, ["follower@example.org"])
        # Its link stops everything that made it come: the forum's.
        self.assertTrue(
            unfollow_link(message).startswith(f"{self.forum.absolute_url()}/@@unfollow")
        )
        self.assertIn('because you follow "Strategic approaches', body(message))

    def test_failed_commit_sends_nothing(self):
        # As when a ConflictError makes Zope retry a request: the comment
        # was announced and its mail handed over before commit, then the
        # commit fails. The mail must not leave.
        from ZODB.POSException import ConflictError
        from zope.component import createObject

        self.follow("follower")
        transaction.begin()
        comment = createObject("plone.Comment")
        comment.text = "Never stored."
        comment.author_username = "member"
        IConversation(self.group).addComment(comment)
        transaction.get().join(FailAtVote())
        with self.assertRaises(ConflictError):
            transaction.commit()
        transaction.abort()
        self.delivered(0)
        self.assertEqual(self.comments(), [])

    def test_queue_off_comment_still_posted(self):
        # Direct delivery would connect to the SMTP server while the commit
        # votes: with the server unreachable the comment itself would fail.
        transaction.begin()
        self.portal.MailHost.smtp_queue = False
        api.portal.set_registry_record("plone.smtp_port", free_port())
        transaction.commit()
        self.follow("follower")
        self.post("Posted although mail cannot go.")
        self.assertEqual(len(self.comments()), 1)
        self.delivered(0)

    def test_page_form_comment_mails(self):
        self.follow("follower")
        browser = self.browser("member")
        browser.open(self.group.absolute_url())
        browser.getControl(name="form.widgets.text").value = "From the page."
        browser.getControl(name="form.buttons.comment").click()
        ((_f, _to, message),) = self.delivered(1)
        self.assertIn("From the page.", body(message))


class TestModeratedAndHidden(FollowingTestCase):
    def test_pending_mails_once_published(self):
        self.group.moderated = True
        transaction.commit()
        self.follow("follower")
        self.post("Wait for the moderator.")
        (comment,) = self.comments()
        self.assertEqual(api.content.get_state(comment), "pending")
        self.delivered(0)
        with api.env.adopt_user(username="siteadmin"):
            api.content.transition(comment, transition="publish")
        transaction.commit()
        ((_f, _to, message),) = self.delivered(1)
        self.assertIn("Wait for the moderator.", body(message))
        # Hidden again (as by flags) and published again: no news.
        (comment,) = self.comments()
        with api.env.adopt_user(username="siteadmin"):
            api.content.transition(comment, transition="recall")
            api.content.transition(comment, transition="publish")
        transaction.commit()
        self.delivered(1)

    def test_reply_under_hidden_comment_waits_for_it(self):
        api.portal.set_registry_record("collab.portal.flags_to_hide", 1)
        transaction.commit()
        self.follow("follower")
        self.post("Offensive words.")
        self.delivered(1)
        self.mailbox.clear()
        (comment,) = self.comments()
        session = self.rest("editor")
        flagged = session.post(
            url(session, f"{GROUP}/@flag-comment"),
            json={"comment_id": str(comment.comment_id)},
        )
        self.assertTrue(flagged.json()["hidden"])
        # The author still sees the hidden comment and answers it: the
        # reply is published, but hidden with what it answers.
        self.post("Sorry, I mean it kindly.", reply_to=comment.comment_id)
        self.delivered(0)
        # A moderator publishes the comment again: the reply is news now,
        # the comment (mailed before) is not.
        (comment, _reply) = self.comments()
        with api.env.adopt_user(username="siteadmin"):
            api.content.transition(comment, transition="publish")
        transaction.commit()
        ((_f, _to, message),) = self.delivered(1)
        self.assertIn("Sorry, I mean it kindly.", body(message))
        self.assertNotIn("Offensive words.", body(message))


class TestDigest(FollowingTestCase):
    def test_daily_digest(self):
        api.portal.set_registry_record("collab.portal.flags_to_hide", 1)
        transaction.commit()
        self.assertEqual(self.follow("lector", mode="digest").status_code, 201)
        self.follow("follower", path="en/capacity-forum", mode="digest")
        self.post("First view.", guiding_question=1)
        self.post("Second view.")
        self.post("My own view.", login="follower")
        self.post("To be hidden.")
        hidden = [c for c in self.comments() if c.text == "To be hidden."][0]
        session = self.rest("editor")
        session.post(
            url(session, f"{GROUP}/@flag-comment"),
            json={"comment_id": str(hidden.comment_id)},
        )
        self.delivered(0)  # digest only

        transaction.begin()
        later = now() + timedelta(hours=25)
        tick(at=later)
        transaction.commit()
        messages = {to[0]: message for _f, to, message in self.delivered(2)}
        # follower follows the forum: the two public comments of others.
        text = body(messages["follower@example.org"])
        self.assertEqual(
            messages["follower@example.org"]["Subject"],
            "New comments in what you follow: 2",
        )
        self.assertIn("Monitoring and evaluation (Strategic approaches", text)
        self.assertIn("Guiding question 1: What worked?", text)
        self.assertLess(text.index("First view."), text.index("Second view."))
        self.assertNotIn("My own view.", text)
        self.assertNotIn("To be hidden.", text)
        # lector follows the group, reads Spanish, and also gets follower's.
        spanish = messages["lector@example.org"]
        self.assertEqual(spanish["Subject"], "Comentarios nuevos en lo que sigue: 3")
        self.assertIn("My own view.", body(spanish))
        self.assertIn("Pregunta orientativa 1: What worked?", body(spanish))
        self.assertTrue(
            unfollow_link(spanish).startswith(
                f"{self.portal.absolute_url()}/es/@@unfollow"
            )
        )

        # Idempotent: the same run again, and an hour later, send nothing.
        self.mailbox.clear()
        transaction.begin()
        tick(at=later)
        tick(at=later + timedelta(hours=1))
        transaction.commit()
        self.delivered(0)

        # Stop all digests from the mail: no login needed.
        response = requests.get(unfollow_link(spanish), timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("No recibirá más resúmenes diarios", response.text)
        transaction.begin()
        self.assertIsNotNone(following(self.group, "lector"))
        response = requests.post(unfollow_link(spanish), timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("No recibirá más resúmenes diarios", response.text)
        transaction.begin()
        self.assertIsNone(following(self.group, "lector"))

    def test_group_following_decides_over_forum(self):
        # Forum by digest, this group at once: its comments come at once
        # and are not in the digest again.
        self.follow("follower", path="en/capacity-forum", mode="digest")
        self.follow("follower", mode="immediate")
        self.post("Straight away.")
        ((_f, _to, message),) = self.delivered(1)
        self.mailbox.clear()
        transaction.begin()
        tick(at=now() + timedelta(hours=25))
        transaction.commit()
        self.delivered(0)

    def test_nothing_new_nothing_sent(self):
        self.follow("follower", mode="digest")
        transaction.begin()
        tick(at=now() + timedelta(hours=25))
        transaction.commit()
        self.delivered(0)


class TestUnfollowLink(FollowingTestCase):
    def mail(self):
        self.follow("follower")
        self.post("Something to read.")
        ((_f, _to, message),) = self.delivered(1)
        return unfollow_link(message)

    def test_get_asks_post_unfollows_without_login_and_can_follow_again(self):
        link = self.mail()
        browser = self.browser()
        browser.open(link)
        # Opening the link (as mail scanners do) only asks.
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn("Stop following?", browser.contents)
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.assertNotIn("You no longer follow", browser.contents)
        transaction.begin()
        self.assertEqual(following(self.group, "follower").mode, "immediate")
        browser.getControl(name="unfollow").click()
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn("You no longer follow", browser.contents)
        transaction.begin()
        self.assertIsNone(following(self.group, "follower"))
        browser.getControl(name="follow_again").click()
        self.assertIn("You follow again", browser.contents)
        transaction.begin()
        self.assertEqual(following(self.group, "follower").mode, "immediate")

    def test_works_when_the_forum_is_no_longer_public(self):
        link = self.mail()
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        response = requests.post(link, timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("You no longer follow", response.text)
        # The follower may no longer view it: the page does not name it.
        self.assertNotIn("Monitoring and evaluation", response.text)
        self.assertNotIn("Strategic approaches", response.text)
        transaction.begin()
        self.assertIsNone(following(self.group, "follower"))

    def test_one_click_post(self):
        link = self.mail()
        response = requests.post(
            link, data={"List-Unsubscribe": "One-Click"}, timeout=60
        )
        self.assertEqual(response.status_code, 200)
        transaction.begin()
        self.assertIsNone(following(self.group, "follower"))

    def test_tampered_token_403(self):
        link = self.mail()
        for bad in (
            link[:-1] + ("1" if link.endswith("0") else "0"),
            link.replace("user=follower", "user=lector"),
            link.replace("/monitoring/", "/findings/"),
            link.split("&token")[0],
        ):
            browser = self.browser(language="es")
            browser.open(bad)
            self.assertEqual(browser.headers["status"].split()[0], "403", bad)
            self.assertIn(
                "Este enlace para dejar de seguir no es válido", browser.contents
            )
        transaction.begin()
        self.assertIsNotNone(following(self.group, "follower"))


class TestREST(FollowingTestCase):
    def test_get_post_delete(self):
        session = self.rest("follower")
        endpoint = url(session, f"{GROUP}/@follow")
        self.assertEqual(
            session.get(endpoint).json(),
            {
                "@id": f"{self.group.absolute_url()}/@follow",
                "following": False,
                "mode": None,
                "since": None,
                "through_forum": False,
            },
        )
        created = session.post(endpoint, json={"mode": "digest"})
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(created.json()["mode"], "digest")
        self.assertTrue(created.json()["since"].endswith("Z"))
        changed = session.post(endpoint, json={"mode": "immediate"})
        self.assertEqual(changed.status_code, 200)
        self.assertEqual(session.get(endpoint).json()["mode"], "immediate")
        self.assertEqual(session.delete(endpoint).status_code, 204)
        self.assertFalse(session.get(endpoint).json()["following"])
        self.assertEqual(session.delete(endpoint).status_code, 204)

    def test_forum_following_shows_on_group(self):
        self.assertEqual(
            self.follow("follower", path="en/capacity-forum").status_code, 201
        )
        session = self.rest("follower")
        state = session.get(url(session, f"{GROUP}/@follow")).json()
        self.assertTrue(state["through_forum"])
        self.assertFalse(state["following"])

    def test_bad_mode_400_translated_nothing_changed(self):
        self.follow("follower", mode="digest")
        for bad, language, words in (
            ({"mode": "weekly"}, "en", "Choose how to receive mail"),
            ({"mode": ["digest"]}, "en", "Choose how to receive mail"),
            ({"mode": "weekly"}, "es", "Elija cómo recibir el correo"),
            (["digest"], "en", "Send a JSON object."),
        ):
            session = self.rest("follower", language)
            response = session.post(url(session, f"{GROUP}/@follow"), json=bad)
            self.assertEqual(response.status_code, 400, response.text)
            self.assertIn(words, response.json()["message"])
        transaction.begin()
        self.assertEqual(following(self.group, "follower").mode, "digest")

    def test_who_may_follow(self):
        for login, status in (
            (None, 401),
            ("member", 201),
            ("editor", 201),
            ("siteadmin", 201),
        ):
            response = self.follow(login)
            self.assertEqual(response.status_code, status, login)
        session = self.rest(None)
        for method in ("get", "delete"):
            response = getattr(session, method)(url(session, f"{GROUP}/@follow"))
            self.assertEqual(response.status_code, 401, method)
        # Nothing one may not read: a private forum.
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        response = self.follow("follower", path="en/capacity-forum")
        self.assertEqual(response.status_code, 401, response.text)
        transaction.begin()
        self.assertIsNone(following(self.forum, "follower"))


class TestPageControl(FollowingTestCase):
    def test_follow_and_unfollow_on_the_page(self):
        browser = self.browser("follower")
        browser.open(self.group.absolute_url())
        browser.getControl(name="mode").value = ["digest"]
        browser.getControl(name="follow").click()
        self.assertIn('You follow "Monitoring and evaluation"', browser.contents)
        self.assertIn(
            "You follow this discussion group: One daily digest.", browser.contents
        )
        transaction.begin()
        self.assertEqual(following(self.group, "follower").mode, "digest")
        browser.getControl(name="unfollow").click()
        self.assertIn('You no longer follow "Monitoring', browser.contents)
        transaction.begin()
        self.assertIsNone(following(self.group, "follower"))

    def test_forum_page_in_spanish(self):
        es = translate_forum(self.forum, "es")
        transaction.commit()
        browser = self.browser("lector", language="es")
        browser.open(es.absolute_url())
        browser.getControl(name="follow").click()
        self.assertIn(
            "Sigue este foro: Un correo por cada comentario nuevo.", browser.contents
        )
        transaction.begin()
        # The same following as the English forum's.
        self.assertEqual(following(self.forum, "lector").mode, "immediate")

    def test_csrf_and_bad_mode_refused(self):
        target = f"{self.group.absolute_url()}/@@follow"
        session = self.rest("follower")
        session.headers["Accept"] = "text/html"
        response = session.post(target, data={"mode": "immediate", "follow": "1"})
        self.assertEqual(response.status_code, 403)
        browser = self.browser("follower", language="es")
        browser.open(self.group.absolute_url())
        form = browser.getForm(action=r"/@@follow$")
        authenticator = form.getControl(name="_authenticator").value
        browser.post(
            target,
            urlencode(
                {"mode": "weekly", "follow": "1", "_authenticator": authenticator}
            ),
        )
        self.assertIn("Elija cómo recibir el correo", browser.contents)
        transaction.begin()
        self.assertIsNone(following(self.group, "follower"))

    def test_anonymous_has_no_control_and_cannot_post(self):
        browser = self.browser()
        browser.open(self.group.absolute_url())
        self.assertNotIn("@@follow", browser.contents)
        response = requests.post(
            f"{self.group.absolute_url()}/@@follow",
            data={"mode": "immediate", "follow": "1"},
            allow_redirects=False,
            timeout=60,
        )
        self.assertIn(response.status_code, (302, 401, 403))
        transaction.begin()
        self.assertEqual(followers(self.group), [])


class TestSMTPDown(FollowingTestCase):
    def test_mail_waits_in_the_queue_until_the_server_is_back(self):
        server = self.layer["smtp_server"]
        self.follow("follower")
        server.stop()
        try:
            self.post("Written while the mail server is down.")
            self.assertEqual(len(queued(self.queue)), 1)
            # The queue tried and failed; zope.sendmail would now wait 3 h.
            deadline = time.monotonic() + 10
            while not sending_marks(self.queue) and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(sending_marks(self.queue))
        finally:
            server.start()
        time.sleep(1)
        self.assertEqual(self.mailbox.messages, [])
        self.assertEqual(len(queued(self.queue)), 1)
        # The clock lets the queue try again once the attempt is old.
        transaction.begin()
        tick(at=now() + timedelta(minutes=11))
        transaction.commit()
        ((_f, to, message),) = self.delivered(1)
        self.assertEqual(to, ["follower@example.org"])
        self.assertIn("Written while the mail server is down.", body(message))
