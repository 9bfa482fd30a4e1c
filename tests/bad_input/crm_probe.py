"""The CRM's probe scene (issue 23, item 12): the directory of
``contacts.directory_helpers`` (two groups, four contacts, two linked
users), a draft mailing to the working group, a personal link for Ana,
and a snapshot of everything a probe might change."""

from collab.portal import tokens
from collab.portal.contacts import import_uploads
from collab.portal.contacts.self_update import changes_of
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.contacts.update_links import update_link
from collab.portal.content.contact import IContact
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.directory_helpers import make_groups
from contacts.mailing_helpers import make_mailing
from plone import api
from plone.protect.authenticator import createToken
from portal_helpers import page_browser
from portal_helpers import rest_session
from urllib.parse import parse_qs
from urllib.parse import urlencode
from urllib.parse import urlsplit
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldNamesInOrder
import transaction
import unittest


SETTINGS = "collab.portal.contacts"
CONTACT_FIELDS = getFieldNamesInOrder(IContact)


class CRMProbeTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING
    maxDiff = None

    def setUp(self):
        self.portal = self.layer["portal"]
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)
        self.directory, self.wg, self.observers = make_groups(self.portal)
        self.ana = self.directory["ana-perez"]
        self.luc = self.directory["luc-martin"]
        self.mailing = make_mailing(self.directory, [self.wg])
        link = update_link(self.ana)
        query = parse_qs(urlsplit(link).query)
        self.link_uid, self.link_token = query["contact"][0], query["token"][0]
        transaction.commit()
        self.site_url = self.portal.absolute_url()

    def session(self, login, language="fr"):
        return rest_session(self.site_url, login, language)

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)

    def assert_no_500(self, response):
        self.assertLess(response.status_code, 500, response.text[:500])

    def assert_refused(self, response):
        """A 4xx with a JSON message."""
        self.assertGreaterEqual(response.status_code, 400, response.text[:500])
        self.assert_no_500(response)
        body = response.json()
        message = body.get("message") or body.get("error", {}).get("message")
        self.assertTrue(message, body)

    def post_raw(self, session, method, url, data):
        return session.request(
            method, url, data=data, headers={"Content-Type": "application/json"}
        )

    def post_form(self, url, data, login=None):
        """A Classic form post (with the login's authenticator)."""
        browser = self.browser(login)
        if login:
            with api.env.adopt_user(username=login):
                data = dict(data, _authenticator=createToken())
        browser.post(url, urlencode(data, doseq=True))
        return browser

    def status(self, browser):
        return int(browser.headers["status"].split()[0])

    def snapshot(self):
        """What any probe might have changed."""
        transaction.begin()
        directory = self.directory
        found = {"ids": sorted(directory.objectIds())}
        for obj in directory.objectValues():
            if obj.portal_type == "Contact":
                found[obj.getId()] = {n: getattr(obj, n, None) for n in CONTACT_FIELDS}
                found[obj.getId()]["changes"] = len(changes_of(obj))
                found[obj.getId()]["links"] = len(tokens.tokens_of(PURPOSE, obj.UID()))
            elif obj.portal_type == "ContactGroup":
                found[obj.getId()] = {
                    "title": obj.title,
                    "kind": obj.kind,
                    "members": [r.to_id for r in obj.members or ()],
                    "roles": dict(obj.member_roles or {}),
                }
            elif obj.portal_type == "Mailing":
                found[obj.getId()] = {
                    "state": api.content.get_state(obj),
                    "subject": obj.subject,
                    "groups": [r.to_id for r in obj.recipient_groups or ()],
                    "send_at": getattr(obj, "send_at", None),
                }
        found["uploads"] = len(IAnnotations(directory).get(import_uploads.KEY) or {})
        found["settings"] = {
            name: api.portal.get_registry_record(f"{SETTINGS}.{name}", default=None)
            for name in ("positions", "update_link_days")
        }
        return found
