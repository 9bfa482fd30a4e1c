"""Who may do what with a discussion group's comments, as one table.

POLICY below is the rule book: one row per group state and role, one
column per action. Every cell runs on both channels, the Classic UI page
(zope.testbrowser against the layer's app) and REST (requests against the
WSGI server), and checks the HTTP answer *and* the stored result, so a
refusal that still wrote something fails.

All comments the actions work on are written by ``author``, a plain member,
so the "author" row is the comment's own author and the other rows act on
someone else's comment.
"""

from collab.portal.clock import now
from datetime import timedelta
from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from urllib.parse import urlencode
import transaction


# Y: allowed. N: refused for want of a permission (REST 401; the page sends
# to the login or insufficient-privileges page, or offers no comment form).
# W: refused by the comment window or the edit minutes (403 and a message).
# A post or reply over REST where the group takes no comments is W for
# every reader: 403 with the group's reason, not plone.restapi's 401.
# "page/REST" where the two channels answer differently.
#
# "late" is a group whose workflow still says open while its window has
# closed (the clock has not run yet): no comment may get in then either.
# edit: change the author's comment, posted just now. edit_old: the same
# for a comment posted an hour ago, past the edit minutes (30 by default).
# publish: approve a pending comment (the page's moderation button, REST
# ``@moderate-comment``; there a refusal is 401 without access to the
# group, 404 for a pending comment the user may not see, 403 for its
# author, who sees it but may not moderate).
# fmt: off
ACTIONS = ("view", "post", "reply", "edit", "edit_old", "publish", "delete")
POLICY = {
    #                              view post reply edit edit_old publish delete
    ("draft", "anonymous"):       "N    N    N     N    N        N       N",
    ("draft", "member"):          "N    N    N     N    N        N       N",
    ("draft", "editor"):          "Y    N/W  N/W   N    N        N       N",
    ("draft", "siteadmin"):       "Y    N/W  N/W   Y    Y        Y       Y",
    ("draft", "author"):          "N    N    N     W/N  W/N      N       N",

    ("scheduled", "anonymous"):   "Y    N/W  N/W   N    N        N       N",
    ("scheduled", "member"):      "Y    N/W  N/W   N    N        N       N",
    ("scheduled", "editor"):      "Y    N/W  N/W   N    N        N       N",
    ("scheduled", "siteadmin"):   "Y    N/W  N/W   Y    Y        Y       Y",
    ("scheduled", "author"):      "Y    N/W  N/W   W    W        N       N",

    ("open", "anonymous"):        "Y    N    N     N    N        N       N",
    ("open", "member"):           "Y    Y    Y     N    N        N       N",
    ("open", "editor"):           "Y    Y    Y     N    N        N       N",
    ("open", "siteadmin"):        "Y    Y    Y     Y    Y        Y       Y",
    ("open", "author"):           "Y    Y    Y     Y    W        N       N",

    ("late", "anonymous"):        "Y    N/W  N/W   N    N        N       N",
    ("late", "member"):           "Y    W    W     N    N        N       N",
    ("late", "editor"):           "Y    W    W     N    N        N       N",
    ("late", "siteadmin"):        "Y    W    W     Y    Y        Y       Y",
    ("late", "author"):           "Y    W    W     W    W        N       N",

    ("closed", "anonymous"):      "Y    N/W  N/W   N    N        N       N",
    ("closed", "member"):         "Y    N/W  N/W   N    N        N       N",
    ("closed", "editor"):         "Y    N/W  N/W   N    N        N       N",
    ("closed", "siteadmin"):      "Y    N/W  N/W   Y    Y        Y       Y",
    ("closed", "author"):         "Y    N/W  N/W   W    W        N       N",
}
# fmt: on
ROLES = ("anonymous", "member", "editor", "siteadmin", "author")
CHANNELS = ("page", "rest")
PAGE_ONLY = set()

# The groups make_forum builds, by state; "late" is "open" with its window
# moved into the past.
GROUPS = {
    "draft": "draft-group",
    "scheduled": "coordination",
    "open": "monitoring",
    "late": "monitoring",
    "closed": "findings",
}
WINDOW_MESSAGE = "This discussion group is not open for comments."
EDIT_MESSAGE = "can no longer be edited"
SHOWN = "The shown comment."


def expected(state, role, action, channel):
    cell = POLICY[state, role].split()[ACTIONS.index(action)]
    # "W/N": the page answers W, REST answers N.
    return cell.split("/")[CHANNELS.index(channel)] if "/" in cell else cell


class TestPermissionTable(ForumTestCase):
    """One test per group state; one subtest per role, action and channel."""

    def setUp(self):
        super().setUp()
        api.user.create(
            email="author@example.org",
            username="author",
            password=PASSWORD,
            roles=["Member"],
        )
        # The scene holds many comments by one author, made within a
        # minute; the rate limit has its own tests (test_forum).
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        transaction.commit()

    def build(self, state):
        """The group in ``state`` and the comments the cells act on; each
        cell that changes something gets a comment of its own."""
        self.state = state
        self.gid = GROUPS[state]
        group = self.forum[self.gid]
        if state == "late":
            group.closes = now() - timedelta(minutes=1)
        self.group_url = group.absolute_url()
        self.shown = add_comment(group, "author", SHOWN)
        self.targets = {}
        for role in ROLES:
            for channel in CHANNELS:
                self.targets[role, channel] = {
                    "edit": add_comment(group, "author", "Edit me."),
                    "edit_old": add_comment(
                        group, "author", "Edit me.", age_minutes=60
                    ),
                    "publish": add_comment(
                        group, "author", "Publish me.", pending=True
                    ),
                    "delete": add_comment(group, "author", "Delete me."),
                }
        transaction.commit()

    def run_table(self, state):
        self.build(state)
        for role in ROLES:
            for action in ACTIONS:
                for channel in CHANNELS:
                    if channel == "rest" and action in PAGE_ONLY:
                        continue
                    outcome = expected(state, role, action, channel)
                    with self.subTest(
                        state=state,
                        role=role,
                        action=action,
                        channel=channel,
                        expected=outcome,
                    ):
                        check = getattr(self, f"{channel}_{action.split('_')[0]}")
                        check(role, outcome, self.targets[role, channel].get(action))

    def test_draft(self):
        self.run_table("draft")

    def test_scheduled(self):
        self.run_table("scheduled")

    def test_open(self):
        self.run_table("open")

    def test_open_but_window_over(self):
        self.run_table("late")

    def test_closed(self):
        self.run_table("closed")

    # What is stored, read afresh from the database.

    def conversation(self):
        transaction.begin()
        return IConversation(self.forum[self.gid])

    def stored(self, text):
        return [c for c in self.conversation().getComments() if c.text == text]

    def text_of(self, comment_id):
        return self.conversation()[comment_id].text

    def text(self, role, action, channel):
        return f"{action} by {role} on the {channel} in {self.state}"

    # Classic UI

    def browser_for(self, role):
        return self.browser(None if role == "anonymous" else role)

    def token(self, role):
        """The CSRF token the page's own forms carry for this user."""
        if role == "anonymous":
            return ""
        with api.env.adopt_user(username=role):
            return createToken()

    def status(self, browser):
        return int(browser.headers["status"].split()[0])

    def assert_page_refused(self, browser, role):
        """Plone sends visitors to the login form and members to
        insufficient-privileges."""
        where = "login" if role == "anonymous" else "insufficient-privileges"
        self.assertIn(where, browser.url)

    def page_view(self, role, outcome, _):
        browser = self.browser_for(role)
        browser.open(self.group_url)
        if outcome == "Y":
            self.assertEqual(self.status(browser), 200)
            self.assertEqual(browser.url, self.group_url)
            self.assertIn(SHOWN, browser.contents)
        else:
            self.assert_page_refused(browser, role)
            self.assertNotIn(SHOWN, browser.contents)

    def page_post(self, role, outcome, _, in_reply_to=""):
        """What the comment form sends; posted even where the page offers
        no form, as a crafted request would be."""
        action = "reply" if in_reply_to else "post"
        text = self.text(role, action, "page")
        browser = self.browser_for(role)
        browser.open(self.group_url)
        has_form = "form.widgets.text" in browser.contents
        browser.post(
            self.group_url,
            urlencode(
                {
                    "form.widgets.text": text,
                    "form.widgets.in_reply_to": in_reply_to,
                    "form.buttons.comment": "Comment",
                    "_authenticator": self.token(role),
                }
            ),
        )
        stored = self.stored(text)
        if outcome == "Y":
            self.assertTrue(has_form)
            self.assertEqual(self.status(browser), 200)
            self.assertEqual(len(stored), 1)
            self.assertEqual(stored[0].in_reply_to or 0, int(in_reply_to or 0))
            return
        self.assertEqual(stored, [])
        if outcome == "N":
            self.assertFalse(has_form)
            self.assertEqual(self.status(browser), 200)
        else:
            self.assertEqual(self.status(browser), 403)
            self.assertIn(WINDOW_MESSAGE, browser.contents)

    def page_reply(self, role, outcome, _):
        self.page_post(role, outcome, _, in_reply_to=str(self.shown))

    def comment_url(self, comment_id):
        return f"{self.group_url}/++conversation++default/{comment_id}"

    def page_edit(self, role, outcome, comment_id):
        before = self.text_of(comment_id)
        text = self.text(role, "edit", "page")
        browser = self.browser_for(role)
        browser.post(
            f"{self.comment_url(comment_id)}/@@edit-comment",
            urlencode(
                {
                    "form.widgets.text": text,
                    "form.buttons.comment": "Save",
                    "_authenticator": self.token(role),
                }
            ),
        )
        after = self.text_of(comment_id)
        if outcome == "Y":
            self.assertEqual(self.status(browser), 200)
            self.assertEqual(after, text)
            return
        self.assertEqual(after, before)
        if outcome == "N":
            self.assert_page_refused(browser, role)
        else:
            self.assertEqual(self.status(browser), 403)
            self.assertIn(EDIT_MESSAGE, browser.contents)

    def page_publish(self, role, outcome, comment_id):
        browser = self.browser_for(role)
        browser.post(
            f"{self.comment_url(comment_id)}/@@transmit-comment",
            urlencode(
                {"workflow_action": "publish", "_authenticator": self.token(role)}
            ),
        )
        state = api.content.get_state(self.conversation()[comment_id])
        if outcome == "Y":
            self.assertEqual(self.status(browser), 200)
            self.assertEqual(state, "published")
        else:
            self.assert_page_refused(browser, role)
            self.assertEqual(state, "pending")

    def page_delete(self, role, outcome, comment_id):
        browser = self.browser_for(role)
        browser.post(
            f"{self.comment_url(comment_id)}/@@moderate-delete-comment",
            urlencode({"_authenticator": self.token(role)}),
        )
        present = comment_id in self.conversation()
        if outcome == "Y":
            self.assertEqual(self.status(browser), 200)
            self.assertFalse(present)
        else:
            self.assert_page_refused(browser, role)
            self.assertTrue(present)

    # REST

    def session(self, role):
        return rest_session(
            self.portal.absolute_url(), None if role == "anonymous" else role
        )

    def assert_rest_refused(self, response, outcome, message):
        if outcome == "N":
            self.assertEqual(response.status_code, 401, response.text)
        else:
            self.assertEqual(response.status_code, 403, response.text)
            self.assertIn(message, response.json()["message"])

    def rest_view(self, role, outcome, _):
        session = self.session(role)
        group = session.get(self.group_url)
        comments = session.get(f"{self.group_url}/@comments")
        if outcome == "Y":
            self.assertEqual(group.status_code, 200, group.text)
            self.assertEqual(comments.status_code, 200, comments.text)
            texts = [i["text_html"] for i in comments.json()["items"]]
            self.assertIn(f"<p>{SHOWN}</p>", texts)
        else:
            self.assertEqual(group.status_code, 401)
            self.assertEqual(comments.status_code, 401)
            self.assertNotIn(SHOWN, comments.text)

    def rest_post(self, role, outcome, _, in_reply_to=""):
        action = "reply" if in_reply_to else "post"
        text = self.text(role, action, "rest")
        path = f"/{in_reply_to}" if in_reply_to else ""
        response = self.session(role).post(
            f"{self.group_url}/@comments{path}", json={"text": text}
        )
        stored = self.stored(text)
        if outcome == "Y":
            self.assertEqual(response.status_code, 204, response.text)
            self.assertEqual(len(stored), 1)
            self.assertEqual(stored[0].in_reply_to or 0, int(in_reply_to or 0))
        else:
            self.assert_rest_refused(response, outcome, WINDOW_MESSAGE)
            self.assertEqual(stored, [])

    def rest_reply(self, role, outcome, _):
        self.rest_post(role, outcome, _, in_reply_to=str(self.shown))

    def rest_edit(self, role, outcome, comment_id):
        before = self.text_of(comment_id)
        text = self.text(role, "edit", "rest")
        response = self.session(role).patch(
            f"{self.group_url}/@comments/{comment_id}", json={"text": text}
        )
        after = self.text_of(comment_id)
        if outcome == "Y":
            self.assertEqual(response.status_code, 204, response.text)
            self.assertEqual(after, text)
        else:
            self.assert_rest_refused(response, outcome, EDIT_MESSAGE)
            self.assertEqual(after, before)

    def rest_publish(self, role, outcome, comment_id):
        response = self.session(role).post(
            f"{self.group_url}/@moderate-comment",
            json={"comment_id": str(comment_id), "transition": "publish"},
        )
        state = api.content.get_state(self.conversation()[comment_id])
        if outcome == "Y":
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(state, "published")
        else:
            self.assertIn(response.status_code, (401, 403, 404), response.text)
            self.assertEqual(state, "pending")

    def rest_delete(self, role, outcome, comment_id):
        response = self.session(role).delete(f"{self.group_url}/@comments/{comment_id}")
        present = comment_id in self.conversation()
        if outcome == "Y":
            self.assertEqual(response.status_code, 204, response.text)
            self.assertFalse(present)
        else:
            self.assert_rest_refused(response, outcome, "")
            self.assertTrue(present)
