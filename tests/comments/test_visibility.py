"""Who may read a comment, by its state, on every channel, as one table.

One rule (``comments.visibility``): everyone reads the public comments
(published, and so is every comment above them); the author also reads
their own comment while it waits (pending or flag-hidden) and their
replies under it; moderators read everything. Rejected and spam comments
are the moderators' alone. Each cell is checked on the channel itself
(a page, a REST call, a catalog query, a mail), so a channel that forgets
the rule fails here.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from collab.portal.comments.flags import flag
from collab.portal.comments.search import index_waiting_comments
from collab.portal.following.followers import follow
from following.helpers import body
from following.helpers import FollowingTestCase
from forum.helpers import ForumTestCase
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import PROFILE_VERSION
from Products.DCWorkflow.utils import modifyRolesForPermission
import csv
import io
import requests
import transaction


ROLES = ("anonymous", "member", "editor", "author", "siteadmin")
HIDDEN_STATES = ("pending", "flagged", "rejected", "spam")
STATES = ("published", *HIDDEN_STATES)
CASES = (*STATES, *(f"reply-to-{state}" for state in STATES))
CHANNELS = (
    "page",
    "rest_list",
    "rest_item",
    "search",
    "catalog",
    "traversal",
    "export",
    "mail",
)

# Who reads each case on the reading channels (page, REST, search,
# traversal). The author writes every comment and reply of the scene.
# fmt: off
READERS = {
    "published":           ("anonymous", "member", "editor", "author", "siteadmin"),
    "pending":             ("author", "siteadmin"),
    "flagged":             ("author", "siteadmin"),
    "rejected":            ("siteadmin",),
    "spam":                ("siteadmin",),
}
# fmt: on
READERS.update({f"reply-to-{state}": READERS[state] for state in STATES})
# Export is for Editors and Site Administrators; follow mail for the
# members following the group (not for the author's own comments) and
# only for public comments, moderators included.
EXPORTERS = ("editor", "siteadmin")
FOLLOWERS = ("member", "editor", "siteadmin", "author")
PUBLIC = ("published", "reply-to-published")


def expected(case, role, channel):
    readers = READERS[case]
    if channel == "export":
        return role in readers and role in EXPORTERS
    if channel == "mail":
        return case in PUBLIC and role in FOLLOWERS and role != "author"
    return role in readers


def text_of(case):
    return f"Case {case} words."


class TestVisibilityTable(FollowingTestCase):
    def setUp(self):
        super().setUp()
        api.user.create(
            email="author@example.org",
            username="author",
            password=PASSWORD,
            roles=["Member"],
        )
        api.portal.set_registry_record("collab.portal.flags_to_hide", 1)
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        for userid in FOLLOWERS:
            follow(self.group, userid, "immediate", language="en")
        transaction.commit()
        self.ids = self.build()
        transaction.commit()
        self.mails = self.delivered(2 * 3)
        index_waiting_comments(api.portal.get_tool("portal_catalog"))
        transaction.commit()

    def build(self):
        """Every case, made as members and moderators would: replies under
        published comments are written before their parent is hidden,
        the reply under the pending comment after it."""
        group = self.group
        ids = {}
        for state in STATES:
            ids[state] = add_comment(group, "author", text_of(state))
            conversation = IConversation(group)
            comment = conversation[ids[state]]
            if state == "pending":
                with api.env.adopt_roles(["Manager"]):
                    api.content.transition(comment, transition="recall")
            ids[f"reply-to-{state}"] = add_reply(
                conversation, ids[state], text_of(f"reply-to-{state}")
            )
            if state == "flagged":
                flag(comment, "member")
            elif state in ("rejected", "spam"):
                transition = "reject" if state == "rejected" else "mark_as_spam"
                with api.env.adopt_roles(["Manager"]):
                    api.content.transition(comment, transition=transition)
        return ids

    def session(self, role):
        return self.rest(None if role == "anonymous" else role)

    def test_table(self):
        for role in ROLES:
            seen = self.read_all(role)
            for case in CASES:
                for channel in CHANNELS:
                    want = expected(case, role, channel)
                    with self.subTest(role=role, case=case, channel=channel, want=want):
                        self.assertEqual(seen[channel](case), want)

    def test_search_page(self):
        """Plone's own search page (``@@search``) lists what the catalog
        lets the reader find, with the comment's text as description."""
        for role in ("anonymous", "member", "author", "siteadmin"):
            browser = self.browser(None if role == "anonymous" else role)
            browser.open(
                f"{self.portal.absolute_url()}/en/@@search?SearchableText=Case"
            )
            self.assertEqual(browser.headers["status"].split()[0], "200")
            self.assertIn(text_of("published"), browser.contents)
            for case in CASES:
                with self.subTest(role=role, case=case):
                    found = text_of(case) in browser.contents
                    self.assertEqual(found, expected(case, role, "search"))

    def read_all(self, role):
        """For each channel, a function telling whether ``role`` read the
        case there; every request also asserts what must be there."""
        return {
            "page": self.read_page(role),
            "rest_list": self.read_rest_list(role),
            "rest_item": self.read_rest_item(role),
            "search": self.read_search(role),
            "catalog": self.read_catalog(role),
            "traversal": self.read_traversal(role),
            "export": self.read_export(role),
            "mail": self.read_mail(role),
        }

    def read_page(self, role):
        browser = self.browser(None if role == "anonymous" else role)
        browser.open(self.group.absolute_url())
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.assertIn(text_of("published"), browser.contents)
        html = browser.contents
        return lambda case: text_of(case) in html

    def read_rest_list(self, role):
        response = self.session(role).get(
            f"{self.group.absolute_url()}/@comments?b_size=100"
        )
        self.assertEqual(response.status_code, 200, response.text)
        texts = {item["text_html"] for item in response.json()["items"]}
        self.assertIn(f"<p>{text_of('published')}</p>", texts)
        return lambda case: f"<p>{text_of(case)}</p>" in texts

    def read_rest_item(self, role):
        session = self.session(role)
        found = {}
        for case, cid in self.ids.items():
            response = session.get(f"{self.group.absolute_url()}/@comments/{cid}")
            if response.status_code == 200:
                self.assertEqual(response.json()["comment_id"], str(cid))
                found[case] = text_of(case) in response.json()["text"]["data"]
            else:
                self.assertEqual(response.status_code, 404, response.text)
                self.assertEqual(
                    response.json()["message"], "There is no such comment."
                )
                self.assertNotIn(text_of(case), response.text)
                found[case] = False
        return found.get

    def read_search(self, role):
        response = self.session(role).get(
            f"{self.portal.absolute_url()}/@search",
            params={
                "SearchableText": "Case",
                "portal_type": "Discussion Item",
                "b_size": 100,
                "metadata_fields": "Description",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        found = " ".join(item["description"] for item in response.json()["items"])
        self.assertIn(text_of("published"), found)
        return lambda case: text_of(case) in found

    def read_catalog(self, role):
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        query = {"portal_type": "Discussion Item", "SearchableText": "Case"}
        if role == "anonymous":
            saved = getSecurityManager()
            newSecurityManager(None, nobody)
            try:
                brains = catalog(**query)
            finally:
                setSecurityManager(saved)
        else:
            with api.env.adopt_user(username=role):
                brains = catalog(**query)
        found = {brain.getPath().rsplit("/", 1)[-1] for brain in brains}
        self.assertIn(str(self.ids["published"]), found)
        return lambda case: str(self.ids[case]) in found

    def read_traversal(self, role):
        """The comment's own URL, as the moderation page links it."""
        session = requests.Session()
        if role != "anonymous":
            session.auth = (role, PASSWORD)
        found = {}
        for case, cid in self.ids.items():
            response = session.get(
                f"{self.group.absolute_url()}/++conversation++default/{cid}/getText",
                allow_redirects=False,
                timeout=60,
            )
            found[case] = text_of(case) in response.text
            if found[case]:
                self.assertEqual(response.status_code, 200)
            else:
                self.assertIn(response.status_code, (302, 401, 403), response.text)
        self.assertTrue(found["published"])
        return found.get

    def read_export(self, role):
        session = requests.Session()
        if role != "anonymous":
            session.auth = (role, PASSWORD)
        response = session.get(
            f"{self.group.absolute_url()}/@@export-comments?format=csv",
            allow_redirects=False,
            timeout=60,
        )
        if role not in EXPORTERS:
            self.assertIn(response.status_code, (302, 401, 403))
            self.assertNotIn("Case", response.text)
            return lambda case: False
        self.assertEqual(response.status_code, 200)
        rows = list(csv.reader(io.StringIO(response.text)))
        cells = " ".join(" ".join(row) for row in rows)
        self.assertIn(text_of("published"), cells)
        return lambda case: text_of(case) in cells

    def read_mail(self, role):
        address = f"{role}@example.org"
        texts = " ".join(
            body(message) for _f, to, message in self.mails if address in to
        )
        return lambda case: text_of(case) in texts


class TestUpgrade(ForumTestCase):
    def test_upgrade_hides_existing_rejected_comments_and_replies(self):
        """Comments made under the old workflow (rejected acquiring View
        from the group, replies under hidden comments findable) are hidden
        by the upgrade step."""
        api.user.create(
            email="author@example.org", username="author", password=PASSWORD
        )
        group = self.forum["monitoring"]
        rejected = add_comment(group, "author", "Rejected long ago.")
        reply = add_reply(IConversation(group), rejected, "Reply long ago.")
        conversation = IConversation(group)
        workflow = api.portal.get_tool("portal_workflow")
        definition = workflow["collab_comment_workflow"]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(conversation[rejected], transition="reject")
        # What 1005 left: no permission settings in the rejected state.
        definition.states["rejected"].permission_roles = None
        for cid in (rejected, reply):
            comment = conversation[cid]
            for permission in ("View", "Access contents information"):
                modifyRolesForPermission(comment, permission, [])
            comment.reindexObject(idxs=["allowedRolesAndUsers"])
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile("collab.portal:default", "1005")
        transaction.commit()
        self.assertEqual(self.anonymous_finds(), {rejected, reply})

        setup.upgradeProfile("collab.portal:default")
        transaction.commit()
        self.assertEqual(
            setup.getLastVersionForProfile("collab.portal:default"), PROFILE_VERSION
        )
        self.assertEqual(self.anonymous_finds(), set())
        self.assertEqual(
            definition.states["rejected"].getPermissionInfo("View")["acquired"], 0
        )
        with api.env.adopt_user(username="siteadmin"):
            found = {int(b.getPath().rsplit("/", 1)[-1]) for b in self.comments()}
        self.assertEqual(found, {rejected, reply})
        response = requests.get(
            f"{group.absolute_url()}/++conversation++default/{reply}/getText",
            allow_redirects=False,
            timeout=60,
        )
        print(
            "XXSTATUS",
            response.status_code,
            response.headers.get("location"),
            response.text[:300],
        )
        self.assertNotIn("Reply long ago.", response.text)

    def comments(self):
        group = self.forum["monitoring"]
        return api.portal.get_tool("portal_catalog")(
            portal_type="Discussion Item", path="/".join(group.getPhysicalPath())
        )

    def anonymous_finds(self):
        saved = getSecurityManager()
        newSecurityManager(None, nobody)
        try:
            return {int(b.getPath().rsplit("/", 1)[-1]) for b in self.comments()}
        finally:
            setSecurityManager(saved)


def add_reply(conversation, parent_id, text):
    """A reply by ``author`` under ``parent_id``, as the reply form stores it."""
    from collab.portal.comments.limits import recording_history
    from zope.component import createObject

    comment = createObject("plone.Comment")
    comment.text = text
    comment.mime_type = "text/plain"
    comment.in_reply_to = parent_id
    comment.changeOwnership(api.user.get(username="author").getUser(), recursive=False)
    comment.manage_setLocalRoles("author", ["Owner"])
    comment.creator = comment.author_username = comment.author_name = "author"
    with recording_history():
        return conversation.addComment(comment)
