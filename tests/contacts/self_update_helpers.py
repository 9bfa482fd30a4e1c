"""Fixtures of the self-update tests: the directory of helpers.py and a
personal link for Ana."""

from collab.portal import tokens
from collab.portal.contacts.update_links import update_link
from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from portal_helpers import page_browser
from portal_helpers import rest_session
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import transaction
import unittest


def link_parts(link):
    query = parse_qs(urlsplit(link).query)
    return query["contact"][0], query["token"][0]


class SelfUpdateTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)
        self.directory, self.ana, self.luc = make_directory(self.portal)
        self.link = update_link(self.ana)
        self.ana_uid, self.token = link_parts(self.link)
        transaction.commit()

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)

    def rest(self, login=None, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def fresh(self, obj):
        transaction.begin()
        return obj

    def post_details(self, session=None, **values):
        session = session or self.rest()
        body = {"contact": self.ana_uid, "token": self.token, **values}
        return session.post(f"{session.base}/@update-details", json=body)
