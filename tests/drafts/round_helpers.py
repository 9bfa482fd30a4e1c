"""Fixtures of the round tests: the draft's people, a contact directory
(Ana in Spanish, Luc in English, both in a group), a draft with three
paragraphs, the real SMTP server's mailbox and the clock."""

from collab.portal import clock
from collab.portal import tokens
from collab.portal.clock import tick
from collab.portal.testing import MAIL_TESTING
from contacts.helpers import make_directory
from drafts.draft_helpers import BODY
from drafts.draft_helpers import draft_people
from drafts.draft_helpers import make_draft
from plone import api
from plone.app.textfield.value import RichTextValue
from portal_helpers import MailTestCase
from portal_helpers import rest_session
from unittest import mock
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
import re
import requests
import time
import transaction


DEADLINE = "2099-03-05T17:00:00+01:00"
LINK = re.compile(r"(http://\S+/@@guest\?contact=[\w-]+&token=[\w-]+)")


def guest_cookie(link):
    """The session cookie of the guest who opens ``link`` and presses
    "Continue" (the page's POST, not followed)."""
    parts = urlsplit(link)
    form = {key: values[0] for key, values in parse_qs(parts.query).items()}
    response = requests.post(
        f"{parts.scheme}://{parts.netloc}{parts.path}",
        data={**form, "save": "1"},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 303, response.text[:300]
    return response.cookies["collab_guest"]


def text_of(message):
    return message.get_body(("plain",)).get_content()


class RoundTestCase(MailTestCase):
    """The clock ticks only when the test says (``clock()``)."""

    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        patch = mock.patch.object(clock, "EARLY_TICKS", False)
        patch.start()
        self.addCleanup(patch.stop)
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)
        api.portal.set_registry_record(
            "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
            True,
        )
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1000)
        self.directory, self.ana, self.luc = make_directory(self.portal)
        draft_people(self.portal)
        intids = getUtility(IIntIds)
        with api.env.adopt_roles(["Manager"]):
            self.ana.organisation = "Ministerio del Ambiente"
            self.group = api.content.create(
                self.directory,
                "ContactGroup",
                id="focal-points",
                title="Focal points",
                kind="focal_points",
            )
            self.group.members = [
                RelationValue(intids.getId(c)) for c in (self.ana, self.luc)
            ]
        self.draft = make_draft(
            self.portal, text=RichTextValue(BODY, "text/html", "text/x-html-safe")
        )
        transaction.commit()
        self.url = self.draft.absolute_url()

    def rest(self, login=None, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def open_round(self, login="secretariat", **body):
        round = {"deadline": DEADLINE, "groups": [self.group.UID()], **body}
        return self.rest(login).post(f"{self.url}/@rounds", json=round)

    def clock(self):
        transaction.begin()
        changes = tick()
        transaction.commit()
        return changes

    def delivered(self, count, timeout=20):
        if count:
            self.mailbox.wait_for(count, timeout=timeout)
        self.wait_for_empty_queue()
        time.sleep(0.2)
        messages = self.mailbox.messages
        self.assertEqual(len(messages), count, [m[1] for m in messages])
        return {tuple(rcpts)[0].lower(): message for _f, rcpts, message in messages}

    def links(self):
        """Each invited address's guest link, from the mail they got."""
        self.clock()
        found = {}
        for address, message in self.delivered(2).items():
            found[address] = LINK.search(text_of(message)).group(1)
        return found

    def guest_cookie(self, link):
        """The session cookie a guest gets by continuing from ``link``."""
        return guest_cookie(link)

    def as_guest(self, cookie, url, method="GET", json=None):
        return requests.request(
            method,
            url,
            headers={"Cookie": f"collab_guest={cookie}", "Accept": "application/json"},
            json=json,
            allow_redirects=False,
            timeout=60,
        )
