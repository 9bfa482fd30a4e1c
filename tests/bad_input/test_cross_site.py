"""Issue 23, item 15: the REST endpoints that act refuse a request a page
of another site can make the visitor's browser send (session cookie, a
form's content type), on every acting service of the add-on; JSON bodies
and clients with credentials in a header keep working."""

from bad_input.cross_site_helpers import cookie_session
from bad_input.cross_site_helpers import form_post
from collab.portal import tokens
from collab.portal.contacts.self_update import changes_of
from collab.portal.contacts.update_links import update_link
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from contacts.mailing_helpers import make_mailing
from forum.helpers import make_forum
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import create_role_users
from portal_helpers import rest_session
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import transaction
import unittest


class TestCrossSiteActions(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        tokens.reset_attempts()
        self.directory, self.ana, self.luc = make_directory(self.portal)
        self.mailing = make_mailing(self.directory, contacts=[self.ana])
        query = parse_qs(urlsplit(update_link(self.ana)).query)
        self.link_body = (
            f'{{"contact": "{query["contact"][0]}", "token": "{query["token"][0]}",'
            ' "organisation": "Forged"}'
        )
        transaction.commit()
        self.session = cookie_session(self.portal, "manager")

    def acting_urls(self):
        site = self.portal.absolute_url()
        ana = self.ana.absolute_url()
        mailing = self.mailing.absolute_url()
        return [
            f"{mailing}/@send",
            f"{mailing}/@resend-failed",
            f"{self.directory.absolute_url()}/@import-contacts",
            f"{ana}/@tokens",
            f"{ana}/@contact-changes",
            f"{site}/@update-details",
            f"{site}/@confirm-email",
            f"{site}/@clock",
            f"{site}/@users",
        ]

    def test_the_cookie_session_is_a_login(self):
        response = self.session.get(f"{self.ana.absolute_url()}/@contact-changes")
        self.assertEqual(response.status_code, 200, response.text)

    def test_form_posts_refused_with_a_json_message(self):
        for url in self.acting_urls():
            body = self.link_body if url.endswith("@update-details") else None
            for content_type in (
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart",
            ):
                response = form_post(
                    self.session, url, body or "{}", content_type=content_type
                )
                self.assertEqual(response.status_code, 403, (url, response.text))
                self.assertIn("JSON", response.json()["message"], url)
        transaction.begin()
        self.assertEqual(self.ana.organisation, None)
        self.assertEqual(tokens.tokens_of("contact-update", self.ana.UID())[0].uses, 0)
        self.assertEqual(len(tokens.tokens_of("contact-update", self.ana.UID())), 1)

    def test_anonymous_form_post_with_the_token_refused(self):
        anonymous = rest_session(self.portal.absolute_url())
        response = form_post(
            anonymous, f"{anonymous.base}/@update-details", self.link_body
        )
        self.assertEqual(response.status_code, 403, response.text)
        transaction.begin()
        self.assertEqual(changes_of(self.ana), [])

    def test_refusal_is_translated(self):
        self.session.headers["Accept-Language"] = "es"
        response = form_post(self.session, f"{self.ana.absolute_url()}/@tokens")
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("autenticador", response.json()["message"])

    def test_json_with_the_cookie_works(self):
        response = self.session.post(
            f"{self.ana.absolute_url()}/@tokens", json={"lifetime_days": 5}
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_form_authenticator_lets_a_form_post_through(self):
        from plone.protect.authenticator import createToken

        with api.env.adopt_user(username="manager"):
            token = createToken()
        response = form_post(
            self.session,
            f"{self.ana.absolute_url()}/@contact-changes",
            content_type="text/plain",
        )
        self.assertEqual(response.status_code, 403)
        self.session.headers["X-CSRF-TOKEN"] = token
        response = form_post(
            self.session,
            f"{self.ana.absolute_url()}/@contact-changes",
            content_type="text/plain",
        )
        # Past the guard, the service reads the body as JSON itself.
        self.assertEqual(response.status_code, 200, response.text)

    def test_header_credentials_pass_the_guard(self):
        basic = rest_session(self.portal.absolute_url(), "manager")
        response = form_post(basic, f"{self.ana.absolute_url()}/@contact-changes")
        self.assertEqual(response.status_code, 200, response.text)
        login = basic.post(
            f"{basic.base}/@login",
            json={"login": "manager", "password": "secret-password-1"},
        )
        bearer = rest_session(self.portal.absolute_url())
        bearer.headers["Authorization"] = f"Bearer {login.json()['token']}"
        response = form_post(bearer, f"{self.ana.absolute_url()}/@contact-changes")
        self.assertEqual(response.status_code, 200, response.text)
        response = bearer.delete(f"{self.ana.absolute_url()}/@tokens/nothing")
        self.assertEqual(response.status_code, 404, response.text)

    def test_basic_auth_replayed_by_a_browser_for_another_site_refused(self):
        # A browser replays basic auth given at a login prompt (the ZMI).
        url = f"{self.ana.absolute_url()}/@contact-changes"
        for headers in (
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
        ):
            basic = rest_session(self.portal.absolute_url(), "manager")
            basic.headers.update(headers)
            response = form_post(basic, url)
            self.assertEqual(response.status_code, 403, (headers, response.text))
            # JSON needs the browser to ask first (CORS): not refused here.
            response = basic.post(url, json={"reviewed": True})
            self.assertEqual(response.status_code, 200, (headers, response.text))
        basic = rest_session(self.portal.absolute_url(), "manager")
        basic.headers["Origin"] = self.portal.absolute_url().rsplit("/plone", 1)[0]
        self.assertEqual(form_post(basic, url).status_code, 200)


class TestCrossSiteForumActions(unittest.TestCase):
    """The same rule on the forum's and the comment engine's services:
    it holds for every acting service of the add-on, not a list."""

    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.group = make_forum(self.portal["en"])["monitoring"]
        transaction.commit()
        self.session = cookie_session(self.portal, "member")

    def test_form_posts_refused(self):
        group = self.group.absolute_url()
        for url, body in (
            (f"{group}/@comments", '{"text": "Forged"}'),
            (f"{group}/@follow", '{"mode": "immediate"}'),
            (f"{group}/@flag-comment", '{"comment_id": "1"}'),
            (f"{group}/@moderate-comment", '{"comment_id": "1"}'),
        ):
            response = form_post(self.session, url, body)
            self.assertEqual(response.status_code, 403, (url, response.text))
            self.assertIn("JSON", response.json()["message"])
        transaction.begin()
        self.assertEqual(len(IConversation(self.group)), 0)

    def test_json_comment_with_the_cookie_works(self):
        response = self.session.post(
            f"{self.group.absolute_url()}/@comments", json={"text": "Welcome"}
        )
        self.assertEqual(response.status_code, 204, response.text)
