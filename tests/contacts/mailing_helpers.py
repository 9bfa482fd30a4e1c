"""Fixtures of the mailing tests: a directory with a group, a mailing in
three languages with an attachment, the real SMTP server's mailbox and the
MailHost queue, and the clock."""

from collab.portal import clock
from collab.portal.clock import tick
from collab.portal.testing import MAIL_TESTING
from contacts.helpers import make_directory
from plone import api
from plone.namedfile.file import NamedBlobFile
from portal_helpers import MailTestCase
from portal_helpers import page_browser
from portal_helpers import rest_session
from portal_helpers import url
from unittest import mock
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
import time
import transaction


BODY_EN = "Dear {salutation} {given_name} {family_name} ({organisation}, {country}),"
BODY_ES = "Estimada/o {given_name} {family_name} ({country}): {update_link}"


def relations(*objects):
    intids = getUtility(IIntIds)
    return [RelationValue(intids.getId(obj)) for obj in objects]


def add_contact(directory, id, email, language="en", **fields):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            directory,
            "Contact",
            id=id,
            given_name=fields.pop("given_name", id.title()),
            family_name=fields.pop("family_name", "Tester"),
            email=email,
            preferred_language=language,
            **fields,
        )


def make_mailing(directory, groups=(), contacts=(), id="mailing", **fields):
    """A mailing in English and Spanish (no French) with one attachment."""
    values = {
        "subject": "Meeting for {given_name}",
        "body": BODY_EN,
        "subject_es": "Reunión para {given_name}",
        "body_es": BODY_ES,
    }
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        mailing = api.content.create(directory, "Mailing", id=id, **values)
        mailing.recipient_groups = relations(*groups)
        mailing.recipient_contacts = relations(*contacts)
        api.content.create(
            mailing,
            "File",
            id="agenda.txt",
            file=NamedBlobFile(b"1. Opening", "text/plain", "agenda.txt"),
        )
    return mailing


def text_of(message):
    return message.get_body(("plain",)).get_content()


class MailingTestCase(MailTestCase):
    """The clock ticks only when the test says (``clock()``), not as soon
    as ``@send`` commits (``early_ticks``)."""

    layer = MAIL_TESTING
    early_ticks = False

    def setUp(self):
        super().setUp()
        patch = mock.patch.object(clock, "EARLY_TICKS", self.early_ticks)
        patch.start()
        self.addCleanup(patch.stop)
        self.directory, self.ana, self.luc = make_directory(self.portal)
        with api.env.adopt_roles(["Manager"]):
            self.ana.salutation = "Sra."
            self.ana.organisation = "MINAM"
            self.group = api.content.create(
                self.directory,
                "ContactGroup",
                id="focal-points",
                title="Focal points",
                kind="focal_points",
            )
            self.group.members = relations(self.ana, self.luc)
        # Luc is also a single contact: he must get one message, not two.
        self.mailing = make_mailing(self.directory, [self.group], [self.luc])
        transaction.commit()

    def delivered(self, count, timeout=20):
        """Exactly ``count`` messages: wait for them, then for the queue to
        be empty, so a message too many would show."""
        if count:
            self.mailbox.wait_for(count, timeout=timeout)
        self.wait_for_empty_queue()
        time.sleep(0.2)
        messages = self.mailbox.messages
        self.assertEqual(len(messages), count, [m[1] for m in messages])
        return messages

    def by_recipient(self, messages):
        return {tuple(rcpts)[0].lower(): message for _f, rcpts, message in messages}

    def clock(self):
        """One tick, as ``POST @clock`` runs it; returns its changes."""
        transaction.begin()
        changes = tick()
        transaction.commit()
        return changes

    def rest(self, login, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def send(self, login="secretariat", path="contacts/mailing", **body):
        session = self.rest(login)
        return session.post(url(session, f"{path}/@send"), json=body)

    def delivery(self, login="secretariat", path="contacts/mailing", **params):
        session = self.rest(login)
        return session.get(url(session, f"{path}/@delivery"), params=params)

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)
