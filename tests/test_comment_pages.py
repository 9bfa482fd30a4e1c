"""Long discussions: batches of threads on the page and in REST, counters
kept as comments come and go, the author's country beside the name and a
flag link on each comment."""

from collab.portal.comments.stats import comment_stats
from collab.portal.comments.stats import STATS_KEY
from collab.portal.testing import FUNCTIONAL_TESTING
from forum.helpers import make_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
from zope.annotation.interfaces import IAnnotations
from zope.component import createObject
import re
import transaction
import unittest


class DiscussionTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        api.user.create(
            email="author@example.org",
            username="author",
            password=PASSWORD,
            roles=("Member",),
            properties={"organisation": "Ministry of Environment", "country": "KE"},
        )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        api.portal.set_registry_record("collab.portal.comments_page_size", 3)
        self.forum = make_forum(self.portal["en"])
        self.group = self.forum["monitoring"]
        transaction.commit()
        self.base = url(
            rest_session(self.portal.absolute_url()),
            "en/capacity-forum/monitoring/@comments",
        )

    def post(self, text, login="author", reply_to=None):
        session = rest_session(self.portal.absolute_url(), login)
        target = f"{self.base}/{reply_to}" if reply_to else self.base
        response = session.post(target, json={"text": text})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        return [c for c in IConversation(self.group).getComments() if c.text == text][
            0
        ].comment_id

    def discussion(self, threads=7):
        """Threads "T1".."Tn", each with one reply "R1".."Rn"."""
        for n in range(1, threads + 1):
            cid = self.post(f"T{n}")
            self.post(f"R{n}", login="member", reply_to=cid)

    def browser(self, login=None, query=""):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        if login:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        browser.open(f"{self.group.absolute_url()}{query}")
        return browser

    def texts(self, html):
        return re.findall(r'<div class="comment-body">\s*<p>(\w+)</p>', html)


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


class TestWhoSeesWhat(DiscussionTestCase):
    def setUp(self):
        super().setUp()
        self.visible = self.post("Visible")
        self.waiting = self.post("Waiting")
        self.reply = self.post("Answer", login="member", reply_to=self.waiting)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[self.waiting], transition="recall"
            )
        transaction.commit()

    def rest_texts(self, login=None):
        session = rest_session(self.portal.absolute_url(), login)
        data = session.get(self.base).json()
        return data["items_total"], [i["text_html"] for i in data["items"]]

    def test_rest(self):
        self.assertEqual(self.rest_texts(), (1, ["<p>Visible</p>"]))
        self.assertEqual(self.rest_texts("member"), (1, ["<p>Visible</p>"]))
        # The author sees their own comment waiting for a moderator.
        self.assertEqual(
            self.rest_texts("author"), (2, ["<p>Visible</p>", "<p>Waiting</p>"])
        )
        # Editors publish pages; Site Administrators and Reviewers moderate.
        self.assertEqual(self.rest_texts("editor")[0], 1)
        self.assertEqual(self.rest_texts("siteadmin")[0], 3)

    def test_page(self):
        self.assertEqual(self.texts(self.browser().contents), ["Visible"])
        self.assertEqual(self.texts(self.browser("member").contents), ["Visible"])
        author_page = self.browser("author").contents
        self.assertEqual(self.texts(author_page), ["Visible", "Waiting"])
        self.assertIn("comment-state", author_page)
        self.assertEqual(self.texts(self.browser("editor").contents), ["Visible"])
        self.assertEqual(
            self.texts(self.browser("siteadmin").contents),
            ["Visible", "Waiting", "Answer"],
        )

    def test_counters_follow_the_workflow(self):
        stats = comment_stats(IConversation(self.group))
        self.assertEqual(stats.count(), 1)
        self.assertEqual(stats.participants(), ["author"])
        self.assertEqual(stats.country_counts(), {"KE": 1})
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[self.waiting], transition="publish"
            )
        # Publishing the parent brings its published reply back with it.
        self.assertEqual(stats.count(), 3)
        self.assertEqual(sorted(stats.participants()), ["author", "member"])
        del IConversation(self.group)[self.waiting]
        self.assertEqual(stats.count(), 1)
        self.assertEqual(len(stats.own("member")), 0)

    def test_catalog_and_schedule_use_the_counters(self):
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertEqual(brain.total_comments, 1)
        self.assertEqual(brain.commentators, ("author",))
        rows = (
            rest_session(self.portal.absolute_url())
            .get(
                url(
                    rest_session(self.portal.absolute_url()),
                    "en/capacity-forum/@schedule",
                )
            )
            .json()["items"]
        )
        monitoring = [r for r in rows if r["group"].endswith("/monitoring")][0]
        self.assertEqual(monitoring["comments"], 1)
        self.assertTrue(monitoring["last_comment"].endswith("Z"))
        forum_page = Browser(self.layer["app"])
        forum_page.open(self.forum.absolute_url())
        self.assertIn("1 comments, the last on", forum_page.contents)


class TestCatalogCounters(DiscussionTestCase):
    def test_clock_copies_the_counters_into_the_catalog(self):
        """Posting leaves the group's catalog record alone (concurrent
        posters would conflict on it); the clock's tick updates it."""
        from collab.portal.clock import tick

        self.post("One")
        self.post("Two")
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertNotEqual(brain.total_comments, 2)
        tick()
        brain = api.content.find(UID=self.group.UID())[0]
        self.assertEqual(brain.total_comments, 2)
        self.assertEqual(brain.commentators, ("author",))
        self.assertIsNotNone(brain.last_comment_date)


class TestSearch(DiscussionTestCase):
    def test_words_join_the_search_with_the_clock(self):
        """Posting leaves the text indexes alone (members posting at once
        conflicted there); the clock indexes the words."""
        from collab.portal.clock import tick

        self.post("Mangroves restoration")
        self.assertEqual(len(api.content.find(SearchableText="mangroves")), 0)
        # Everything else is catalogued at once (moderation, counters).
        path = "/".join(self.group.getPhysicalPath())
        self.assertEqual(
            len(api.content.find(portal_type="Discussion Item", path=path)), 1
        )
        tick()
        found = api.content.find(SearchableText="mangroves")
        self.assertEqual([b.portal_type for b in found], ["Discussion Item"])
        self.assertIn("author", found[0].Title)
        self.assertEqual(found[0].Description, "Mangroves restoration")
        # Nothing left waiting: a second tick indexes nothing.
        from collab.portal.comments.search import index_waiting_comments

        self.assertEqual(
            index_waiting_comments(api.portal.get_tool("portal_catalog")), 0
        )

    def test_waiting_comments_found_by_their_author_and_moderators_only(self):
        from collab.portal.clock import tick
        from portal_helpers import add_comment

        add_comment(self.group, "author", "Mangroves pending", pending=True)
        add_comment(self.group, "member", "Seagrass public")
        transaction.commit()
        tick()
        transaction.commit()
        portal_url = self.portal.absolute_url()
        for login, expected in (
            (None, []),
            ("member", []),
            ("author", ["Discussion Item"]),
            ("siteadmin", ["Discussion Item"]),
        ):
            with self.subTest(login=login):
                found = (
                    rest_session(portal_url, login)
                    .get(
                        f"{portal_url}/@search", params={"SearchableText": "mangroves"}
                    )
                    .json()["items"]
                )
                self.assertEqual([item["@type"] for item in found], expected)
                found = (
                    rest_session(portal_url, login)
                    .get(f"{portal_url}/@search", params={"SearchableText": "seagrass"})
                    .json()["items"]
                )
                self.assertEqual(len(found), 1)
        browser = self.browser(query="")
        browser.open(f"{portal_url}/en/@@search?SearchableText=mangroves")
        self.assertNotIn("Mangroves pending", browser.contents)

    def test_comments_on_other_content_are_searchable_at_once(self):
        from zope.component import createObject

        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(
                container=self.portal["en"], type="Document", id="page", title="P"
            )
        comment = createObject("plone.Comment")
        comment.text = "Seagrass meadows"
        IConversation(page).addComment(comment)
        transaction.commit()
        self.assertEqual(len(api.content.find(SearchableText="seagrass")), 1)


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
        self.assertNotIn("@@flag-comment", self.browser("author").contents)
        self.assertNotIn("@@flag-comment", self.browser().contents)

    def test_flag_link_leads_to_the_flag_form(self):
        self.post("Flag me")
        browser = self.browser("member")
        browser.getLink("Flag").click()
        browser.getControl("Flag the comment").click()
        self.assertIn("The moderators will look at the comment.", browser.contents)


class TestUpgradeCountsExistingDiscussions(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def test_upgrade_1003_to_1004(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        create_role_users(portal)
        forum = make_forum(portal["en"])
        group = forum["monitoring"]
        conversation = IConversation(group)
        for text in ("One", "Two"):
            new = createObject("plone.Comment")
            new.text = text
            new.author_username = "member"
            conversation.addComment(new)
        del IAnnotations(group)[STATS_KEY]
        registry = api.portal.get_tool("portal_registry")
        del registry.records["collab.portal.comments_page_size"]
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile("collab.portal:default", "1003")

        setup.upgradeProfile("collab.portal:default")

        self.assertEqual(comment_stats(conversation, create=False).count(), 2)
        self.assertEqual(
            api.portal.get_registry_record("collab.portal.comments_page_size"), 20
        )
        self.assertEqual(api.content.find(UID=group.UID())[0].total_comments, 2)


class TestParticipation(DiscussionTestCase):
    def setUp(self):
        super().setUp()
        self.post("From Kenya")
        self.post("Again from Kenya")
        self.post("No country given", login="member")
        hidden = self.post("Hidden")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                IConversation(self.group)[hidden], transition="recall"
            )
        transaction.commit()

    def test_rest_for_the_forum_and_a_group(self):
        editor = rest_session(self.portal.absolute_url(), "editor")
        data = editor.get(url(editor, "en/capacity-forum/@participation")).json()
        self.assertEqual(data["comments"], 3)
        self.assertEqual(data["participants"], 2)
        self.assertEqual(
            data["countries"], [{"code": "KE", "name": "Kenya", "comments": 2}]
        )
        monitoring = [g for g in data["groups"] if g["title"].startswith("Monitoring")]
        self.assertEqual(monitoring[0]["comments"], 3)
        group = editor.get(
            url(editor, "en/capacity-forum/monitoring/@participation")
        ).json()
        self.assertEqual((group["comments"], group["participants"]), (3, 2))

    def test_members_and_anonymous_may_not(self):
        for login in (None, "member"):
            session = rest_session(self.portal.absolute_url(), login)
            response = session.get(url(session, "en/capacity-forum/@participation"))
            self.assertEqual(response.status_code, 401, login)
            self.assertIn("message", response.json())

    def test_page_with_chart(self):
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic editor:{PASSWORD}")
        browser.open(self.forum.absolute_url())
        browser.getLink("Participation statistics").click()
        html = browser.contents
        self.assertIn('class="col-sm-9 participation-comments">3<', html)
        self.assertIn(
            '<svg xmlns="http://www.w3.org/2000/svg" class="collab-chart"', html
        )
        self.assertIn("<title>Kenya: 2</title>", html)

    def test_page_refused_to_members(self):
        browser = Browser(self.layer["app"])
        browser.raiseHttpErrors = False
        browser.addHeader("Authorization", f"Basic member:{PASSWORD}")
        browser.open(self.forum.absolute_url())
        self.assertNotIn("Participation statistics", browser.contents)
        browser.open(f"{self.forum.absolute_url()}/@@participation")
        self.assertNotIn("participation-comments", browser.contents)
        # Plone sends logged-in members without the permission away.
        self.assertIn("insufficient-privileges", browser.url)

    def test_page_in_spanish(self):
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic editor:{PASSWORD}")
        browser.addHeader("Accept-Language", "es")
        browser.open(f"{self.forum.absolute_url()}/@@participation")
        self.assertIn("Comentarios por país", browser.contents)


class TestConcurrentPostersDoNotConflict(DiscussionTestCase):
    def test_new_comment_does_not_rewrite_the_conversation(self):
        """Members posting at once must not all write the conversation
        object (it cannot resolve conflicts); only the BTrees inside it,
        which can."""
        from Acquisition import aq_base

        self.post("First, creates the conversation")
        serial = aq_base(IConversation(self.group))._p_serial
        self.post("Second")
        cid = self.post("Third")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(IConversation(self.group)[cid], transition="recall")
        transaction.commit()
        transaction.begin()
        conversation = aq_base(IConversation(self.group))
        self.assertEqual(len(conversation), 3)
        self.assertEqual(conversation._p_serial, serial)

    def test_transactions_with_savepoints_still_commit(self):
        """Bulk work (imports, the bench seeder, site creation) changes
        comments after savepoints: the conversation is then read through a
        store without old revisions, and must simply be written."""
        self.post("First, creates the conversation")
        cid = self.post("Second")
        conversation = IConversation(self.group)
        conversation[cid].text = "Second, recalled after a savepoint"
        transaction.savepoint(optimistic=True)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(conversation[cid], transition="recall")
        transaction.commit()
        transaction.begin()
        comment = IConversation(self.group)[cid]
        self.assertEqual(comment.text, "Second, recalled after a savepoint")
        self.assertEqual(api.content.get_state(comment), "pending")

    def test_comments_get_no_intid(self):
        """Every post wrote the intid utility's two BTrees, the hottest
        conflict under load; nothing needs a comment's intid."""
        from five.intid.keyreference import KeyReferenceToPersistent
        from zope.component import getUtility
        from zope.intid.interfaces import IIntIds

        intids = getUtility(IIntIds)
        cid = self.post("No intid for me")
        comment = IConversation(self.group)[cid]
        self.assertNotIn(KeyReferenceToPersistent(comment), intids.ids)
        # The group itself keeps its intid.
        self.assertIsNotNone(intids.queryId(self.group))
        # A comment registered before keeps its id until it is removed.
        old = IConversation(self.group)[self.post("Registered long ago")]
        key = KeyReferenceToPersistent(old)
        intids.register(key)
        transaction.commit()
        del IConversation(self.group)[old.comment_id]
        transaction.commit()
        self.assertNotIn(key, intids.ids)
