"""Decisions stick: a moderator's decision on a flagged comment is undone
only by new flags, with the history in sight; an author's comment is final
once the group closed or the edit minutes passed, for deletion as for
edits (page and REST)."""

from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from urllib.parse import urlencode
import transaction


FLAGGERS = [f"flagger{n}" for n in range(1, 7)]
TOO_LATE = "can no longer be deleted"


class DecisionsTestCase(ForumTestCase):
    def setUp(self):
        super().setUp()
        for login in ("author", *FLAGGERS):
            api.user.create(
                email=f"{login}@example.org",
                username=login,
                password=PASSWORD,
                roles=["Member"],
            )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()

    def session(self, login):
        return rest_session(self.portal.absolute_url(), login)

    def token(self, login):
        with api.env.adopt_user(username=login):
            return createToken()

    def state(self, gid, comment_id):
        transaction.begin()
        return api.content.get_state(IConversation(self.forum[gid])[comment_id])

    def present(self, gid, comment_id):
        transaction.begin()
        return comment_id in IConversation(self.forum[gid])


class TestFlagsAfterDecision(DecisionsTestCase):
    def flag_rest(self, login, comment_id):
        response = self.session(login).post(
            f"{self.forum_url}/monitoring/@flag-comment",
            json={"comment_id": str(comment_id)},
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def flag_page(self, login, comment_id):
        browser = self.browser(login)
        browser.post(
            f"{self.forum_url}/monitoring/@@flag-comment",
            urlencode(
                {
                    "comment_id": comment_id,
                    "flag": "1",
                    "_authenticator": self.token(login),
                }
            ),
        )
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn("Thank you.", browser.contents)

    def test_only_new_flags_count_after_a_decision(self):
        cid = add_comment(self.forum["monitoring"], "author", "Contested words.")
        transaction.commit()
        for login in FLAGGERS[:2]:
            self.assertFalse(self.flag_rest(login, cid)["hidden"])
        self.assertTrue(self.flag_rest(FLAGGERS[2], cid)["hidden"])
        self.assertEqual(self.state("monitoring", cid), "pending")

        published = self.session("siteadmin").post(
            f"{self.forum_url}/monitoring/@moderate-comment",
            json={"comment_id": str(cid), "transition": "publish"},
        )
        self.assertEqual(published.status_code, 200, published.text)

        # One new flag (REST), then another (page): the decision holds.
        self.assertEqual(
            self.flag_rest(FLAGGERS[3], cid),
            {
                "comment_id": str(cid),
                "flags": 1,
                "hidden": False,
            },
        )
        self.flag_page(FLAGGERS[4], cid)
        self.assertEqual(self.state("monitoring", cid), "published")
        # Flagging twice is still refused.
        again = self.session(FLAGGERS[0]).post(
            f"{self.forum_url}/monitoring/@flag-comment",
            json={"comment_id": str(cid)},
        )
        self.assertEqual(again.status_code, 409, again.text)
        # Three flags since the decision hide it again.
        self.assertTrue(self.flag_rest(FLAGGERS[5], cid)["hidden"])
        self.assertEqual(self.state("monitoring", cid), "pending")

    def test_moderator_sees_the_history(self):
        cid = add_comment(self.forum["monitoring"], "author", "Contested words.")
        transaction.commit()
        for login in FLAGGERS[:3]:
            self.flag_rest(login, cid)
        self.session("siteadmin").post(
            f"{self.forum_url}/monitoring/@moderate-comment",
            json={"comment_id": str(cid), "transition": "publish"},
        )
        self.flag_rest(FLAGGERS[3], cid)
        item = f"{self.forum_url}/monitoring/@comments/{cid}"

        moderator = self.session("siteadmin").get(item)
        self.assertEqual(moderator.status_code, 200, moderator.text)
        history = moderator.json()["flag_history"]
        self.assertEqual(history["counting"], 1)
        self.assertEqual(
            [(e["kind"], e["userid"]) for e in history["items"]],
            [
                *(("flag", login) for login in FLAGGERS[:3]),
                ("decision", "siteadmin"),
                ("flag", FLAGGERS[3]),
            ],
        )
        self.assertEqual(history["items"][3]["transition"], "publish")
        self.assertTrue(all(e["date"] for e in history["items"]))

        member = self.session("member").get(item)
        self.assertEqual(member.status_code, 200, member.text)
        self.assertIn("Contested words.", member.json()["text"]["data"])
        self.assertNotIn("flag_history", member.json())

        page = self.browser("siteadmin")
        page.open(f"{self.forum_url}/monitoring")
        self.assertIn("Contested words.", page.contents)
        self.assertIn("Flagged by flagger1", page.contents)
        self.assertIn("Published by siteadmin", page.contents)
        self.assertIn("Flagged by flagger4", page.contents)
        page = self.browser("member")
        page.open(f"{self.forum_url}/monitoring")
        self.assertIn("Contested words.", page.contents)
        self.assertNotIn("Flagged by", page.contents)


class TestOwnDeletion(DecisionsTestCase):
    """``@@delete-own-comment`` (page) and ``DELETE @comments/<id>`` (REST,
    where the site lets members delete their own comments)."""

    def setUp(self):
        super().setUp()
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings."
            "delete_own_comment_enabled",
            True,
        )
        transaction.commit()

    def comment_url(self, gid, comment_id):
        return f"{self.forum_url}/{gid}/++conversation++default/{comment_id}"

    def delete_page(self, login, gid, comment_id, view="delete-own-comment"):
        browser = self.browser(login)
        browser.post(
            f"{self.comment_url(gid, comment_id)}/@@{view}",
            urlencode({"_authenticator": self.token(login)}),
        )
        return browser

    def delete_rest(self, login, gid, comment_id):
        return self.session(login).delete(
            f"{self.forum_url}/{gid}/@comments/{comment_id}"
        )

    def scene(self):
        with api.env.adopt_roles(["Manager"]):
            return {
                "fresh": add_comment(self.forum["monitoring"], "author", "Fresh."),
                "fresh2": add_comment(self.forum["monitoring"], "author", "Fresh."),
                "old": add_comment(
                    self.forum["monitoring"], "author", "Old.", age_minutes=60
                ),
                "closed": add_comment(self.forum["findings"], "author", "Closed."),
            }

    def test_page(self):
        ids = self.scene()
        transaction.commit()
        browser = self.delete_page("author", "monitoring", ids["fresh"])
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertFalse(self.present("monitoring", ids["fresh"]))
        for gid, key in (("monitoring", "old"), ("findings", "closed")):
            browser = self.delete_page("author", gid, ids[key])
            self.assertEqual(browser.headers["status"].split()[0], "403", key)
            self.assertIn(TOO_LATE, browser.contents)
            self.assertTrue(self.present(gid, ids[key]), key)
        # Moderators keep their powers.
        browser = self.delete_page(
            "siteadmin", "findings", ids["closed"], view="moderate-delete-comment"
        )
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertFalse(self.present("findings", ids["closed"]))

    def test_rest(self):
        ids = self.scene()
        transaction.commit()
        response = self.delete_rest("author", "monitoring", ids["fresh"])
        self.assertEqual(response.status_code, 204, response.text)
        self.assertFalse(self.present("monitoring", ids["fresh"]))
        for gid, key in (("monitoring", "old"), ("findings", "closed")):
            response = self.delete_rest("author", gid, ids[key])
            self.assertEqual(response.status_code, 403, response.text)
            self.assertIn(TOO_LATE, response.json()["message"])
            self.assertTrue(self.present(gid, ids[key]), key)
        # Someone else's comment: refused for want of permission.
        response = self.delete_rest("member", "monitoring", ids["fresh2"])
        self.assertEqual(response.status_code, 401, response.text)
        self.assertTrue(self.present("monitoring", ids["fresh2"]))
        response = self.delete_rest("siteadmin", "findings", ids["closed"])
        self.assertEqual(response.status_code, 204, response.text)
        self.assertFalse(self.present("findings", ids["closed"]))

    def test_spanish_message(self):
        ids = self.scene()
        transaction.commit()
        session = rest_session(self.portal.absolute_url(), "author", language="es")
        closed = f"{self.forum_url}/findings/@comments/{ids['closed']}"
        response = session.delete(closed)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("ya no puede borrarse", response.json()["message"])

    def test_deleting_the_group_removes_its_comments(self):
        """Not an own deletion, even where the one deleting the group
        wrote some of its comments long ago."""
        add_comment(self.forum["findings"], "editor", "Mine.", age_minutes=600)
        transaction.commit()
        with api.env.adopt_user(username="editor"):
            api.content.delete(self.forum["findings"])
        transaction.commit()
        self.assertNotIn("findings", self.forum.objectIds())
