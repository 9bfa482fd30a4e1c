"""Pages reachable without View on a forum or group (the unfollow link,
the flag form) name nothing of a private forum to those who may not view
it: not in the heading, the navigation or the page title."""

from following.helpers import FollowingTestCase
from plone import api
from portal_helpers import add_comment
import transaction


TITLES = ("Monitoring and evaluation", "Strategic approaches to capacity-building")


class TestPrivateTitles(FollowingTestCase):
    def make_private(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()

    def status(self, browser):
        return browser.headers["status"].split()[0]

    def test_invalid_unfollow_link_names_no_private_group(self):
        link = f"{self.group.absolute_url()}/@@unfollow?user=follower&token=bad"
        browser = self.browser()
        browser.open(link)
        # While the forum is public, the page may say where it is.
        self.assertEqual(self.status(browser), "403")
        self.assertIn("This unfollow link is not valid", browser.contents)
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.make_private()
        browser.open(link)
        self.assertEqual(self.status(browser), "403")
        self.assertIn("This unfollow link is not valid", browser.contents)
        for title in TITLES:
            self.assertNotIn(title, browser.contents)

    def test_flag_page_names_no_private_group(self):
        comment_id = add_comment(self.group, "follower", "A comment to flag.")
        transaction.commit()
        link = f"{self.group.absolute_url()}/@@flag-comment?comment_id={comment_id}"
        browser = self.browser("member")
        browser.open(link)
        self.assertEqual(self.status(browser), "200")
        self.assertIn("Flag this comment as abusive?", browser.contents)
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.make_private()
        browser.open(link)
        self.assertEqual(self.status(browser), "404")
        self.assertIn("There is no such comment.", browser.contents)
        self.assertNotIn("Flag this comment", browser.contents)
        for title in TITLES:
            self.assertNotIn(title, browser.contents)
        # A moderator of the private forum still has the page.
        browser = self.browser("siteadmin")
        browser.open(link)
        self.assertEqual(self.status(browser), "200")
        self.assertIn("Monitoring and evaluation", browser.contents)
