"""Issue 22, Behaviour 2: a guest's session. On its draft's page, the
draft over REST and ``@comments`` the guest is the principal
``guest:<token id>`` (DraftGuest there through its group), reads the
private draft and comments with the contact's name, organisation and
country, and sees its own pending comment. Anywhere else the same cookie
is anonymous. Revoking the token, its end or the round's close bite on the
next request; a tampered cookie or one of another draft opens nothing."""

from collab.portal import tokens
from datetime import timedelta
from drafts.guest_helpers import GuestTestCase
from drafts.guest_helpers import issue
from drafts.guest_helpers import record_of
from drafts.guest_helpers import REFUSED_ES
from drafts.guest_helpers import RoundAccess
from plone import api
from plone.app.discussion.interfaces import IConversation
import transaction


class GuestSessionTestCase(GuestTestCase):
    def setUp(self):
        super().setUp()
        self.cookie = self.guest_cookie()
        self.record = record_of(self.token)
        self.userid = f"guest:{self.record.token_id}"
        self.draft_path = "es/draft-a"

    def comments(self):
        transaction.begin()
        return list(IConversation(self.draft).getComments())

    def assert_anonymous(self, response):
        """Refused as Plone refuses a visitor: 401 over REST, the login
        form's redirect for a page; nothing of the draft in the body."""
        self.assertIn(response.status_code, (302, 401), response.text[:300])
        if response.status_code == 302:
            self.assertIn("login", response.headers["Location"])
        self.assertNotIn("Borrador A", response.text)


class TestGuestReadsAndComments(GuestSessionTestCase):
    def test_reads_the_draft_page_and_over_rest(self):
        page = self.as_guest(self.cookie, self.draft_path, accept="html")
        self.assertEqual(page.status_code, 200, page.text[:300])
        self.assertIn("Borrador A", page.text)
        self.assertIn('name="form.widgets.text"', page.text)  # may comment
        # Its roles here: DraftGuest through its group, no Member.
        self.assertIn("userrole-draftguest", page.text)
        self.assertNotIn("userrole-member", page.text)
        self.assertNotIn("userrole-authenticated", page.text)
        rest = self.as_guest(self.cookie, self.draft_path)
        self.assertEqual(rest.status_code, 200, rest.text[:300])
        self.assertEqual(rest.json()["title"], "Borrador A")
        # Without the cookie the draft is private.
        self.assert_anonymous(self.as_guest("", self.draft_path))

    def test_comments_over_rest_signed_with_the_contact(self):
        url = f"{self.draft_path}/@comments"
        posted = self.as_guest(
            self.cookie, url, "POST", json={"text": "Párrafo 3: añadir plazo."}
        )
        self.assertEqual(posted.status_code, 204, posted.text[:300])
        [comment] = self.comments()
        self.assertEqual(comment.author_username, self.userid)
        self.assertEqual(comment.author_name, "Ana Pérez")
        self.assertEqual(comment.author_organisation, "Ministerio del Ambiente")
        self.assertEqual(comment.author_country, "PE")
        self.assertEqual(comment.author_email, "")
        self.assertEqual(api.content.get_state(comment), "pending")
        mine = self.as_guest(self.cookie, url).json()["items"]
        self.assertEqual(
            [item["text"]["data"] for item in mine], ["Párrafo 3: añadir plazo."]
        )
        self.assertEqual(mine[0]["author_organisation"], "Ministerio del Ambiente")
        # Pending: another guest of the draft does not read it yet.
        token = issue(self.draft, contact="luc")
        transaction.commit()
        luc = self.guest_cookie(token=token, contact="luc")
        theirs = self.as_guest(luc, url)
        self.assertEqual(theirs.status_code, 200, theirs.text[:300])
        self.assertEqual(theirs.json()["items"], [])

    def test_comments_through_the_page(self):
        browser = self.browser()
        browser.open(self.link())
        browser.getControl(name="save").click()
        self.assertEqual(browser.url, self.draft.absolute_url())
        browser.getControl(name="form.widgets.text").value = "Desde la página."
        browser.getControl(name="form.buttons.comment").click()
        [comment] = self.comments()
        self.assertEqual(comment.author_username, self.userid)
        self.assertEqual(comment.author_name, "Ana Pérez")
        self.assertEqual(comment.author_country, "PE")
        browser.open(self.draft.absolute_url())
        self.assertIn("Desde la página.", browser.contents)

    def test_what_logged_in_users_see_is_not_the_guests(self):
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(
                container=self.portal["es"], type="Document", id="solo-socios"
            )
        page.manage_permission("View", ["Authenticated", "Manager"], acquire=False)
        guest = api.user.get(userid=self.userid).getUser()
        member = api.user.get(username="member").getUser()
        self.assertTrue(member.has_permission("View", page))
        self.assertFalse(guest.has_permission("View", page))
        self.assertNotIn("Authenticated", guest.getRoles())
        self.assertNotIn("AuthenticatedUsers", guest.getGroups())
        catalog = api.portal.get_tool("portal_catalog")
        self.assertNotIn("Authenticated", catalog._listAllowedRolesAndUsers(guest))

    def test_enumeration_names_the_live_guest_only(self):
        transaction.begin()
        self.assertIsNotNone(api.user.get(userid=self.userid))
        acl_users = self.portal.acl_users
        self.assertEqual(acl_users.searchUsers(id="guest:"), ())
        self.assertEqual(acl_users.searchUsers(fullname="Ana"), ())
        other = issue_for_luc(self)
        self.assertIsNone(api.user.get(userid=f"guest:{other.token_id}"))  # no session
        tokens.revoke(self.record.token_id)
        self.assertIsNone(api.user.get(userid=self.userid))


def issue_for_luc(test):
    token = issue(test.draft, contact="luc")
    transaction.commit()
    return record_of(token)


class TestCookieOpensNothingElse(GuestSessionTestCase):
    def test_other_content_and_services_are_anonymous(self):
        for path, accept in (
            ("es/draft-b", "json"),
            ("es/draft-b", "html"),
            ("es/draft-b/@comments", "json"),
            ("es/draft-a/@search?SearchableText=Borrador", "json"),
            ("@search?SearchableText=Borrador", "json"),
            ("@users", "json"),
            ("@users/" + "guest%3A" + "x", "json"),
            ("es/draft-a/@workflow", "json"),
            ("es/draft-a/@history", "json"),
            ("es/draft-a/@sharing", "json"),
            ("es/draft-a/@@sharing", "html"),
            ("es/draft-a/@@edit", "html"),
            ("@@personal-information", "html"),
        ):
            with self.subTest(path=path):
                response = self.as_guest(self.cookie, path, accept=accept)
                if response.status_code == 200:  # search: only what anyone finds
                    self.assertEqual(response.json()["items_total"], 0, response.text)
                else:
                    self.assert_anonymous(response)

    def test_acting_elsewhere_is_refused(self):
        response = self.as_guest(
            self.cookie, "es/draft-b/@comments", "POST", json={"text": "Hola"}
        )
        self.assert_anonymous(response)
        self.assertEqual(self.comments(), [])


class TestSessionEnds(GuestSessionTestCase):
    def assert_session_refused(self):
        self.assert_anonymous(self.as_guest(self.cookie, self.draft_path))
        self.assert_anonymous(
            self.as_guest(self.cookie, self.draft_path, accept="html")
        )
        page = self.as_guest(self.cookie, f"{self.draft_path}/@@guest", accept="html")
        self.assertEqual(page.status_code, 403, page.text[:300])
        self.assertIn(REFUSED_ES, page.text)

    def test_a_live_session_passes(self):
        self.assertEqual(self.as_guest(self.cookie, self.draft_path).status_code, 200)
        page = self.as_guest(self.cookie, f"{self.draft_path}/@@guest", accept="html")
        self.assertEqual(page.status_code, 200, page.text[:300])
        self.assertIn("como invitado", page.text)

    def test_revoked_bites_on_the_next_request(self):
        tokens.revoke(self.record.token_id, actor="secretariat")
        transaction.commit()
        self.assert_session_refused()

    def test_expired(self):
        self.record.expires = tokens.now() - timedelta(seconds=1)
        transaction.commit()
        self.assert_session_refused()

    def test_round_closed(self):
        RoundAccess.open = False
        self.assert_session_refused()

    def test_tampered_cookie(self):
        token_id, end, signature = self.cookie.split(".")
        for forged in (
            f"{token_id}.{end}.{signature[:-2]}00",
            f"{token_id}.{int(end) + 3600}.{signature}",
            f"{'0' * len(token_id)}.{end}.{signature}",
            "garbage",
        ):
            with self.subTest(forged=forged):
                self.assert_anonymous(self.as_guest(forged, self.draft_path))

    def test_a_cookie_of_draft_b_opens_not_draft_a(self):
        transaction.begin()
        token_b = issue(self.other)
        transaction.commit()
        cookie_b = self.guest_cookie(host=self.other, token=token_b)
        self.assertEqual(self.as_guest(cookie_b, "es/draft-b").status_code, 200)
        self.assert_anonymous(self.as_guest(cookie_b, self.draft_path))
