"""Moderation of comments in a forum, authors editing their own comments in
time, and flags that hide a comment."""

from collab.portal.clock import tick
from forum.helpers import ForumTestCase
from plone import api
from portal_helpers import assert_page
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestModeration(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.forum["monitoring"].moderated = True
        transaction.commit()

    def items(self, login):
        session = rest_session(self.portal.absolute_url(), login)
        return [
            i["text_html"]
            for i in session.get(
                url(session, "en/capacity-forum/monitoring/@comments")
            ).json()["items"]
        ]

    def test_pending_until_a_moderator_publishes(self):
        session = rest_session(self.portal.absolute_url(), "member")
        response = session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "Wait for me."},
        )
        self.assertEqual(response.status_code, 204)
        transaction.begin()
        (comment,) = self.comments("monitoring")
        self.assertEqual(api.content.get_state(comment), "pending")
        self.assertEqual(self.items(None), [])
        self.assertEqual(self.items("editor"), [])
        self.assertEqual(self.items("member"), ["<p>Wait for me.</p>"])
        self.assertEqual(self.items("siteadmin"), ["<p>Wait for me.</p>"])
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        assert_page(self, browser, "Monitoring and evaluation")
        self.assertNotIn("Wait for me.", browser.contents)
        # The moderator's page lists it, with its words once the clock has
        # indexed them (comments.search).
        tick()
        transaction.commit()
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal.absolute_url()}/@@moderate-comments")
        self.assertIn("Wait for me.", browser.contents)

        with api.env.adopt_user(username="siteadmin"):
            api.content.transition(comment, transition="publish")
        transaction.commit()
        self.assertEqual(self.items(None), ["<p>Wait for me.</p>"])

    def test_rest_moderation(self):
        """``@moderate-comment``: the REST way to decide on a comment."""
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring")
        session.post(f"{base}/@comments", json={"text": "Wait for me."})
        transaction.begin()
        (comment,) = self.comments("monitoring")
        cid = str(comment.comment_id)
        moderator = rest_session(self.portal.absolute_url(), "siteadmin", "fr")
        items = moderator.get(f"{base}/@comments").json()["items"]
        self.assertEqual([i["review_state"] for i in items], ["pending"])
        # Refused, each leaving the comment pending.
        for login, body, status in (
            ("member", {"comment_id": cid, "transition": "publish"}, 403),
            ("editor", {"comment_id": cid, "transition": "publish"}, 404),
            (None, {"comment_id": cid, "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": cid, "transition": "approve"}, 400),
            ("siteadmin", {"comment_id": cid}, 400),
            ("siteadmin", {"comment_id": "999", "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": True, "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": cid, "transition": "recall"}, 409),
        ):
            with self.subTest(login=login, body=body):
                response = rest_session(self.portal.absolute_url(), login, "fr").post(
                    f"{base}/@moderate-comment", json=body
                )
                self.assertEqual(response.status_code, status, response.text)
                self.assertTrue(response.json()["message"])
        response = rest_session(self.portal.absolute_url(), "member", "fr").post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "publish"},
        )
        self.assertEqual(
            response.json()["message"], "Vous ne pouvez pas modérer les commentaires."
        )
        transaction.begin()
        self.assertEqual(api.content.get_state(comment), "pending")
        self.assertEqual(self.items(None), [])
        response = moderator.post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "publish"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["review_state"], "published")
        self.assertEqual(self.items(None), ["<p>Wait for me.</p>"])
        response = moderator.post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "reject"},
        )
        self.assertEqual(response.json()["review_state"], "rejected")
        self.assertEqual(self.items(None), [])

    def test_unmoderated_group_publishes_at_once(self):
        self.forum["monitoring"].moderated = False
        transaction.commit()
        session = rest_session(self.portal.absolute_url(), "member")
        session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "At once."},
        )
        self.assertEqual(self.items(None), ["<p>At once.</p>"])


class TestEditOwnComment(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.session = rest_session(self.portal.absolute_url(), "member")
        self.base = url(self.session, "en/capacity-forum/monitoring/@comments")
        self.session.post(self.base, json={"text": "Frist draft."})
        transaction.begin()
        self.comment = self.comments("monitoring")[0]
        self.comment_url = f"{self.base}/{self.comment.comment_id}"

    def text(self):
        transaction.begin()
        return self.comments("monitoring")[0].text

    def test_author_corrects_in_time(self):
        response = self.session.patch(self.comment_url, json={"text": "First draft."})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.text(), "First draft.")

    def test_too_late(self):
        api.portal.set_registry_record("collab.portal.comment_edit_minutes", 0)
        transaction.commit()
        response = self.session.patch(self.comment_url, json={"text": "Rewritten."})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("can no longer be edited", response.json()["message"])
        self.assertEqual(self.text(), "Frist draft.")

    def test_others_cannot_edit(self):
        other = rest_session(self.portal.absolute_url(), "editor")
        response = other.patch(self.comment_url, json={"text": "Hijacked."})
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self.text(), "Frist draft.")

    def test_moderator_edits_any_time(self):
        api.portal.set_registry_record("collab.portal.comment_edit_minutes", 0)
        transaction.commit()
        moderator = rest_session(self.portal.absolute_url(), "siteadmin")
        response = moderator.patch(self.comment_url, json={"text": "Moderated."})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.text(), "Moderated.")


class TestFlags(ForumTestCase):
    def setUp(self):
        super().setUp()
        api.portal.set_registry_record("collab.portal.flags_to_hide", 2)
        api.user.create(
            email="m2@example.org",
            username="member2",
            password=PASSWORD,
            roles=["Member"],
        )
        transaction.commit()
        session = rest_session(self.portal.absolute_url(), "member")
        session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "Offensive words."},
        )
        transaction.begin()
        self.comment_id = str(self.comments("monitoring")[0].comment_id)

    def flag(self, login, comment_id=None):
        session = rest_session(self.portal.absolute_url(), login)
        return session.post(
            url(session, "en/capacity-forum/monitoring/@flag-comment"),
            json={"comment_id": comment_id or self.comment_id},
        )

    def visible(self):
        session = rest_session(self.portal.absolute_url())
        return session.get(
            url(session, "en/capacity-forum/monitoring/@comments")
        ).json()["items_total"]

    def test_enough_flags_hide_the_comment(self):
        first = self.flag("member2")
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(
            first.json(), {"comment_id": self.comment_id, "flags": 1, "hidden": False}
        )
        self.assertEqual(self.visible(), 1)
        second = self.flag("editor")
        self.assertEqual(second.json()["hidden"], True)
        self.assertEqual(self.visible(), 0)
        transaction.begin()
        self.assertEqual(
            api.content.get_state(self.comments("monitoring")[0]), "pending"
        )

    def test_refusals(self):
        self.assertEqual(self.flag(None).status_code, 401)
        own = self.flag("member")
        self.assertEqual(own.status_code, 403)
        self.assertIn("your own comment", own.json()["message"])
        self.assertEqual(self.flag("member2").status_code, 200)
        again = self.flag("member2")
        self.assertEqual(again.status_code, 409)
        self.assertIn("already flagged", again.json()["message"])
        self.assertEqual(self.flag("member2", comment_id="999").status_code, 404)
        self.assertEqual(self.flag("member2", comment_id="abc").status_code, 404)
        session = rest_session(self.portal.absolute_url(), "member2")
        response = session.post(
            url(session, "en/capacity-forum/monitoring/@flag-comment"), json={}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.visible(), 1)

    def test_flag_on_the_page(self):
        browser = self.browser("member2")
        browser.open(
            f"{self.forum_url}/monitoring/@@flag-comment?comment_id={self.comment_id}"
        )
        browser.getControl(name="flag").click()
        self.assertIn("The moderators will look at the comment.", browser.contents)
        transaction.begin()
        from collab.portal.comments.flags import flaggers

        self.assertEqual(list(flaggers(self.comments("monitoring")[0])), ["member2"])
