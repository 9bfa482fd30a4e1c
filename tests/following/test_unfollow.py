"""One-click unfollow from the signed link in every mail."""

from collab.portal.following.followers import following
from following.helpers import FollowingTestCase
from following.helpers import unfollow_link
from plone import api
import requests
import transaction


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
