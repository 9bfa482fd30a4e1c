"""Mail to followers at once: who gets it in which language, moderated and
hidden comments, failed commits and an SMTP server that is down."""

from collab.portal.content.translations import translations
from collab.portal.mail.handover import outage
from collab.portal.testing_fixtures import free_port
from following.helpers import body
from following.helpers import FailAtVote
from following.helpers import FollowingTestCase
from following.helpers import GROUP
from following.helpers import sending_marks
from following.helpers import unfollow_link
from forum.helpers import site_path
from forum.helpers import translate_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import queued
from portal_helpers import url
import time
import transaction


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
        translate_forum(self.forum, "es")
        transaction.commit()
        es_group = translations(self.group)["es"]
        self.follow("lector")
        self.follow("follower")
        self.post("Desde la página española.", path=site_path(es_group))
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
            self.assertIn(f"{es_group.absolute_url()}#{comment.comment_id}", text)
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


class TestSMTPDown(FollowingTestCase):
    def test_mail_waits_in_the_queue_until_the_server_is_back(self):
        """The queue tried and found the server away: nothing stays
        claimed (zope.sendmail would wait 3 h, the clock's release 10
        minutes), and the mail leaves once the server is back, no tick."""
        server = self.layer["smtp_server"]
        self.follow("follower")
        server.stop()
        try:
            self.post("Written while the mail server is down.")
            self.assertEqual(len(queued(self.queue)), 1)
            deadline = time.monotonic() + 20
            while not outage(self.queue) and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(outage(self.queue))
            self.assertFalse(sending_marks(self.queue))
            self.assertEqual(len(queued(self.queue)), 1)
        finally:
            server.start()
        ((_f, to, message),) = self.delivered(1, timeout=60)
        self.assertEqual(to, ["follower@example.org"])
        self.assertIn("Written while the mail server is down.", body(message))
