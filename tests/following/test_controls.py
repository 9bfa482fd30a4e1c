"""Following over REST (``@follow``) and with the Follow control on the
page: who may follow, bad modes and CSRF refused."""

from collab.portal.following.followers import followers
from collab.portal.following.followers import following
from following.helpers import FollowingTestCase
from following.helpers import GROUP
from forum.helpers import translate_forum
from plone import api
from portal_helpers import assert_page
from portal_helpers import url
from urllib.parse import urlencode
import requests
import transaction


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
        assert_page(
            self, browser, "Monitoring and evaluation", "Log in to add comments"
        )
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
