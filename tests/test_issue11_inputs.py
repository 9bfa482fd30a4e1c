"""Replies to what one cannot read, control characters in exports, windows
at the calendar's edges, member fields over REST and reserved names: each
on the channels it can come through (page, REST, export)."""

from collab.portal import _
from collab.portal.comments.limits import recording_history
from datetime import datetime
from datetime import UTC
from forum.helpers import ForumTestCase
from io import BytesIO
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.protect.authenticator import createToken
from portal_helpers import add_comment
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from test_bad_input import in_language
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.component import createObject
import transaction


NO_COMMENT = _("There is no such comment.")


def reply(group, author, text, parent):
    """A published reply by ``author`` under ``parent``, stored directly."""
    comment = createObject("plone.Comment")
    comment.text, comment.mime_type, comment.in_reply_to = text, "text/plain", parent
    comment.creator = comment.author_username = comment.author_name = author
    comment.creation_date = comment.modification_date = datetime.now(UTC)
    with recording_history():
        return IConversation(group).addComment(comment)


class InputsTestCase(ForumTestCase):
    def setUp(self):
        super().setUp()
        api.user.create(email="m2@example.org", username="member2", password=PASSWORD)
        self.group = self.forum["monitoring"]
        self.public = add_comment(self.group, "member", "Public.")
        self.pending = add_comment(self.group, "member", "Waiting.", pending=True)
        self.rejected = add_comment(self.group, "member", "Rejected.")
        self.under_pending = reply(self.group, "member", "Under it.", self.pending)
        with api.env.adopt_roles(["Manager"]):
            conversation = IConversation(self.group)
            api.content.transition(conversation[self.rejected], transition="reject")
        transaction.commit()
        self.group_url = self.group.absolute_url()

    def session(self, login, language="es"):
        return rest_session(self.portal.absolute_url(), login, language)

    def texts(self):
        transaction.begin()
        return sorted(
            c.text for c in IConversation(self.forum["monitoring"]).getComments()
        )

    def assert_message(self, response, status, message, language="es"):
        self.assertEqual(response.status_code, status, response.text)
        self.assertIn(in_language(message, language), response.json()["message"])

    def form_post(self, login, url, data, language="en"):
        browser = self.browser(login, language)
        with api.env.adopt_user(username=login):
            data = dict(data, _authenticator=createToken())
        browser.post(url, urlencode(data))
        return browser


class TestReplyParent(InputsTestCase):
    """Points 4 and 10: what a reply may answer."""

    def test_rest_unreadable_answered_as_unknown(self):
        session = self.session("member2")
        before = self.texts()
        for parent in (
            self.pending,
            self.rejected,
            self.under_pending,
            999,
            "999",
            10**30,
        ):
            with self.subTest(parent=parent):
                response = session.post(
                    f"{self.group_url}/@comments",
                    json={"text": "Peek.", "in_reply_to": parent},
                )
                self.assert_message(response, 404, NO_COMMENT)
        for parent in (self.pending, self.rejected):
            with self.subTest(url_parent=parent):
                response = session.post(
                    f"{self.group_url}/@comments/{parent}", json={"text": "Peek."}
                )
                self.assert_message(response, 404, NO_COMMENT)
        self.assertEqual(self.texts(), before)

    def test_rest_wrong_types(self):
        message = _(
            "comment_in_reply_to_invalid",
            default="Send in_reply_to as the id of the comment you answer.",
        )
        before = self.texts()
        for parent in ([self.public], {"id": 1}, 1.5, True, "12a"):
            with self.subTest(parent=parent):
                response = self.session("member2", "fr").post(
                    f"{self.group_url}/@comments",
                    json={"text": "Odd.", "in_reply_to": parent},
                )
                self.assert_message(response, 400, message, "fr")
        self.assertEqual(self.texts(), before)

    def test_rest_readable_parents_taken(self):
        """A number or a string naming a public comment; the author's own
        waiting comment (they may read it)."""
        for login, parent in (
            ("member2", self.public),
            ("member2", str(self.public)),
            ("member", self.pending),
        ):
            with self.subTest(login=login, parent=parent):
                response = self.session(login).post(
                    f"{self.group_url}/@comments",
                    json={"text": f"Re {parent}.", "in_reply_to": parent},
                )
                self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        replies = [
            c.in_reply_to
            for c in IConversation(self.group).getComments()
            if c.text.startswith("Re ")
        ]
        self.assertEqual(replies, [self.public, self.public, self.pending])

    def test_page_form(self):
        """The hidden field names a comment the member cannot read, or one
        deleted while the form was open: the 404 page, nothing stored."""
        with api.env.adopt_roles(["Manager"]):
            deleted = add_comment(self.group, "member", "Gone soon.")
            del IConversation(self.group)[deleted]
        transaction.commit()
        before = self.texts()
        for parent in (self.pending, self.rejected, deleted):
            with self.subTest(parent=parent):
                browser = self.form_post(
                    "member2",
                    self.group_url,
                    {
                        "form.widgets.text": "Peek.",
                        "form.widgets.in_reply_to": str(parent),
                        "form.buttons.comment": "Comment",
                    },
                )
                self.assertEqual(browser.headers["status"].split()[0], "404")
                self.assertIn("There is no such comment.", browser.contents)
        self.assertEqual(self.texts(), before)
        self.form_post(
            "member2",
            self.group_url,
            {
                "form.widgets.text": "Fine reply.",
                "form.widgets.in_reply_to": str(self.public),
                "form.buttons.comment": "Comment",
            },
        )
        self.assertIn("Fine reply.", self.texts())


CONTROL = "A\x00b\x01c\x0bd\x0ce\x1bf"


class TestControlCharacters(InputsTestCase):
    """Point 8: dropped on the way in, cleaned on the way out."""

    def test_dropped_from_rest_and_page(self):
        response = self.session("member2").post(
            f"{self.group_url}/@comments", json={"text": "REST " + CONTROL}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.form_post(
            "member2",
            self.group_url,
            {"form.widgets.text": "Page " + CONTROL, "form.buttons.comment": "x"},
        )
        texts = self.texts()
        self.assertIn("REST Abcdef", texts)
        self.assertIn("Page Abcdef", texts)
        mine = [
            c
            for c in IConversation(self.group).getComments()
            if c.text == "REST Abcdef"
        ][0]
        response = self.session("member2").patch(
            f"{self.group_url}/@comments/{mine.comment_id}",
            json={"text": "Edited " + CONTROL},
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertIn("Edited Abcdef", self.texts())

    def test_exports_of_stored_text(self):
        """Comments stored before the cleaning (written directly) still
        export as XLSX and DOCX."""
        from docx import Document
        from openpyxl import load_workbook

        IConversation(self.group)[self.public].text = "Old " + CONTROL
        transaction.commit()
        session = self.session("editor", "en")
        url = f"{self.group_url}/@@export-comments"
        xlsx = session.get(url, params={"format": "xlsx"})
        self.assertEqual(xlsx.status_code, 200, xlsx.text[:300])
        cells = [
            c.value
            for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows()
            for c in row
        ]
        self.assertIn("Old Abcdef", cells)
        docx = session.get(url, params={"format": "docx"})
        self.assertEqual(docx.status_code, 200, docx.text[:300])
        paragraphs = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
        self.assertIn("Old Abcdef", paragraphs)
        csv = session.get(url, params={"format": "csv"})
        self.assertEqual(csv.status_code, 200)
        self.assertIn("Old Abcdef", csv.content.decode("utf-8-sig"))


OUT_OF_RANGE = _(
    "window_date_out_of_range",
    default="Choose a date between the years ${first} and ${last}.",
    mapping={"first": "2000", "last": "2100"},
)


class TestWindowEdges(InputsTestCase):
    """Point 12: REST refuses, pages survive what was stored before."""

    def test_rest_refuses_calendar_edges(self):
        for obj in (self.forum, self.group):
            for value in (
                "9999-12-31T23:59:59-12:00",
                "0001-01-01T00:00:00+01:00",
                "2101-01-01T00:00:00Z",
            ):
                with self.subTest(obj=obj.portal_type, value=value):
                    closes = obj.closes
                    response = self.session("siteadmin").patch(
                        obj.absolute_url(), json={"closes": value}
                    )
                    self.assert_message(response, 400, OUT_OF_RANGE)
                    transaction.begin()
                    self.assertEqual(obj.closes, closes)

    def test_pages_with_stored_edge_dates(self):
        self.group.closes = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
        self.forum.closes = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
        api.user.get(username="member").setMemberProperties({"timezone": "Asia/Tokyo"})
        transaction.commit()
        for url, title in (
            (self.forum_url, "Strategic approaches to capacity-building"),
            (self.group_url, "Monitoring and evaluation"),
            (f"{self.forum_url}/@@forum-print", "Monitoring and evaluation"),
        ):
            with self.subTest(url=url):
                browser = self.browser("member")
                browser.open(url)
                self.assertEqual(browser.headers["status"].split()[0], "200")
                self.assertIn(title, browser.contents)
                self.assertIn("9999", browser.contents)
        schedule = self.session("member").get(f"{self.forum_url}/@schedule")
        self.assertEqual(schedule.status_code, 200, schedule.text)


class TestMemberFieldsREST(InputsTestCase):
    """Point 13: registration and PATCH get the forms' rules."""

    ACCOUNT = {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "password": "Newcomer-Pass-2026",
    }

    def test_registration_refused(self):
        fullname = _(
            "member_fullname_invalid",
            default="The full name is one line of at most ${max} characters.",
            mapping={"max": "100"},
        )
        home_page = _(
            "member_home_page_invalid",
            default="The home page is a web address starting with http:// or https://.",
        )
        organisation = _("The organisation is one line of at most 200 characters.")
        for extra, message in (
            ({"home_page": "javascript:alert(1)"}, home_page),
            ({"home_page": "http://x y"}, home_page),
            ({"fullname": "x" * 101}, fullname),
            ({"fullname": "Ann\nBcc: all@example.org"}, fullname),
            ({"organisation": "Org\rX"}, organisation),
        ):
            with self.subTest(extra=extra):
                response = self.session(None, "fr").post(
                    f"{self.portal.absolute_url()}/@users",
                    json={**self.ACCOUNT, **extra},
                )
                self.assert_message(response, 400, message, "fr")
        transaction.begin()
        self.assertIsNone(api.user.get(username="newcomer"))
        response = self.session(None).post(
            f"{self.portal.absolute_url()}/@users",
            json={
                **self.ACCOUNT,
                "fullname": "Ann Newcomer",
                "home_page": "https://a.example",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_patch_refuses_ignored_fields(self):
        url = f"{self.portal.absolute_url()}/@users/member"
        for body in ({"groups": ["Administrators"]}, {"roles": {"Manager": True}}):
            with self.subTest(body=body):
                response = self.session("member").patch(url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(list(body)[0], response.json()["message"])
        transaction.begin()
        self.assertNotIn("Manager", api.user.get_roles(username="member"))
        response = self.session("member").patch(url, json={"home_page": "javascript:x"})
        self.assertEqual(response.status_code, 400)
        response = self.session("member").patch(url, json={"fullname": "Member One"})
        self.assertEqual(response.status_code, 204, response.text)

    def test_personal_information_form(self):
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/@@personal-information")
        browser.getControl(name="form.widgets.home_page").value = "javascript:alert(1)"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("The home page is a web address starting with", browser.contents)
        transaction.begin()
        self.assertFalse(api.user.get(username="member").getProperty("home_page"))


RESERVED = ("@comments", "view", "index_html", "participation", "forum-print", "opens")


class TestReservedIds(InputsTestCase):
    """Point 13: no group or forum hides a view or a service."""

    def test_rest_add_and_rename(self):
        before = sorted(self.forum.objectIds())
        for name in RESERVED:
            with self.subTest(name=name):
                response = self.session("siteadmin").post(
                    self.forum_url,
                    json={
                        "@type": "DiscussionGroup",
                        "id": name,
                        "title": "Hidden",
                        "opens": "2030-01-01T00:00:00Z",
                        "closes": "2030-01-09T00:00:00Z",
                    },
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        transaction.begin()
        self.assertEqual(sorted(self.forum.objectIds()), before)
        response = self.session("siteadmin").post(
            f"{self.portal.absolute_url()}/en",
            json={
                "@type": "Forum",
                "id": "@schedule",
                "title": "F",
                "opens": "2030-01-01T00:00:00Z",
                "closes": "2030-01-09T00:00:00Z",
            },
        )
        self.assertEqual(response.status_code, 400, response.text)

    def test_rename_and_short_name(self):
        with api.env.adopt_roles(["Manager"]):
            for name in ("index_html", "participation"):
                with self.subTest(name=name), self.assertRaises(BadRequest):
                    self.forum.manage_renameObject("findings", name)
        transaction.abort()
        browser = self.browser("siteadmin")
        browser.open(f"{self.group_url}/@@edit")
        browser.getControl(name="form.widgets.IShortName.id").value = "participation"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        # Plone's name chooser asks check_id, which asks the forum: the
        # reserved name is not taken (Plone numbers it instead).
        self.assertNotIn("participation", self.forum.objectIds())
        self.assertIn("participation-1", self.forum.objectIds())
        browser = self.browser("editor")
        browser.open(f"{self.forum_url}/participation")
        self.assertNotEqual(browser.headers["status"].split()[0], "500")
