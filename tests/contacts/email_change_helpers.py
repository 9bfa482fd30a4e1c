"""Fixtures of the e-mail change tests: Ana's update link on the Mail
layer, and the confirmation link out of the mail sent to a new address."""

from collab.portal import tokens
from collab.portal.contacts.update_links import update_link
from collab.portal.testing import MAIL_TESTING
from contacts.helpers import make_directory
from contacts.self_update_helpers import link_parts
from portal_helpers import MailTestCase
from portal_helpers import page_browser
from portal_helpers import rest_session
import re
import time
import transaction


LINK = re.compile(r"https?://\S+@@confirm-email\?\S+")


class EmailChangeTestCase(MailTestCase):
    layer = MAIL_TESTING

    def setUp(self):
        super().setUp()
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)
        self.directory, self.ana, self.luc = make_directory(self.portal)
        self.link = update_link(self.ana)
        self.ana_uid, self.token = link_parts(self.link)
        transaction.commit()

    def browser(self, language="en"):
        return page_browser(self.layer["app"], None, language)

    def rest(self, language="en"):
        return rest_session(self.portal.absolute_url(), None, language)

    def mails(self, count):
        """Exactly ``count`` messages, as ``{recipient: text}``."""
        if count:
            self.mailbox.wait_for(count)
        self.wait_for_empty_queue()
        time.sleep(0.2)
        messages = self.mailbox.messages
        self.assertEqual(len(messages), count, [m[1] for m in messages])
        self.mailbox.clear()
        return {
            rcpts[0].lower(): message.get_body(("plain",)).get_content()
            for _from, rcpts, message in messages
        }

    def confirmation_link(self, text):
        found = LINK.search(text)
        self.assertIsNotNone(found, text)
        return found.group(0)

    def fresh(self):
        transaction.begin()
