"""Long discussions in batches of threads, on the page and over REST, and
what the page shows beside each comment (country, organisation, flag
link)."""

from comments.helpers import DiscussionTestCase
from plone import api
from portal_helpers import assert_page
from portal_helpers import rest_session
import transaction


class TestPageBatches(DiscussionTestCase):
    def test_oldest_first_in_pages_of_threads(self):
        self.discussion()
        browser = self.browser()
        self.assertEqual(
            self.texts(browser.contents), ["T1", "R1", "T2", "R2", "T3", "R3"]
        )
        self.assertIn("14 comments", browser.contents)
        self.assertIn("Page 1 of 3", browser.contents)
        browser.getLink("Newer comments").click()
        self.assertEqual(
            self.texts(browser.contents), ["T4", "R4", "T5", "R5", "T6", "R6"]
        )
        browser.getLink("Newer comments").click()
        self.assertEqual(self.texts(browser.contents), ["T7", "R7"])
        self.assertNotIn("Newer comments", browser.contents)

    def test_newest_first_keeps_replies_under_their_thread(self):
        self.discussion()
        browser = self.browser()
        browser.getLink("Newest first").click()
        self.assertEqual(
            self.texts(browser.contents), ["T7", "R7", "T6", "R6", "T5", "R5"]
        )
        browser.getLink("Older comments").click()
        self.assertEqual(
            self.texts(browser.contents), ["T4", "R4", "T3", "R3", "T2", "R2"]
        )

    def test_order_setting_is_the_default(self):
        self.discussion(threads=4)
        api.portal.set_registry_record("collab.portal.comments_order", "newest")
        transaction.commit()
        self.assertEqual(self.texts(self.browser().contents)[:2], ["T4", "R4"])

    def test_bad_batch_parameters_fall_back(self):
        self.discussion(threads=2)
        browser = self.browser(query="?b_start=abc&order=sideways")
        self.assertEqual(self.texts(browser.contents), ["T1", "R1", "T2", "R2"])
        browser = self.browser(query="?b_start=999")
        self.assertEqual(self.texts(browser.contents), [])


class TestRestBatches(DiscussionTestCase):
    def test_batches_count_comments_in_thread_order(self):
        self.discussion(threads=4)
        anonymous = rest_session(self.portal.absolute_url())
        data = anonymous.get(self.base, params={"b_size": 3}).json()
        self.assertEqual(data["items_total"], 8)
        self.assertEqual(
            [i["text_html"] for i in data["items"]],
            ["<p>T1</p>", "<p>R1</p>", "<p>T2</p>"],
        )
        self.assertIn("b_start=3", data["batching"]["next"])
        self.assertIn("b_start=6", data["batching"]["last"])
        second = anonymous.get(data["batching"]["next"]).json()
        self.assertEqual(
            [i["text_html"] for i in second["items"]],
            ["<p>R2</p>", "<p>T3</p>", "<p>R3</p>"],
        )

    def test_newest_first(self):
        self.discussion(threads=3)
        anonymous = rest_session(self.portal.absolute_url())
        data = anonymous.get(self.base, params={"b_size": 2, "order": "newest"}).json()
        self.assertEqual(
            [i["text_html"] for i in data["items"]], ["<p>T3</p>", "<p>R3</p>"]
        )

    def test_author_country_from_the_comment(self):
        self.post("From Nairobi.")
        item = (
            rest_session(self.portal.absolute_url()).get(self.base).json()["items"][0]
        )
        self.assertEqual(item["author_country"], "KE")
        self.assertEqual(item["author_organisation"], "Ministry of Environment")
        # The comment keeps the country its author spoke for when posting.
        api.user.get(username="author").setMemberProperties({"country": "TZ"})
        transaction.commit()
        item = (
            rest_session(self.portal.absolute_url()).get(self.base).json()["items"][0]
        )
        self.assertEqual(item["author_country"], "KE")


class TestCommentDetailsOnThePage(DiscussionTestCase):
    def test_country_and_organisation_beside_the_name(self):
        self.post("From Nairobi")
        html = self.browser().contents
        self.assertIn('class="comment-author-country badge text-bg-light">Kenya<', html)
        self.assertIn("Ministry of Environment", html)

    def test_flag_link_for_other_members_only(self):
        cid = self.post("Flag me")
        self.assertIn(
            f"@@flag-comment?comment_id={cid}", self.browser("member").contents
        )
        for login in ("author", None):
            html = assert_page(self, self.browser(login), "Flag me")
            self.assertNotIn("@@flag-comment", html, login)

    def test_flag_link_leads_to_the_flag_form(self):
        self.post("Flag me")
        browser = self.browser("member")
        browser.getLink("Flag").click()
        browser.getControl("Flag the comment").click()
        self.assertIn("The moderators will look at the comment.", browser.contents)
