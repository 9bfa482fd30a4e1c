"""Fixtures of the draft page's tests: a draft in a round with comments
on its paragraphs (posted over REST, the engine's path), a general one,
and pages fetched as each of the draft's people."""

from collab.portal.drafts.rounds import round_change
from drafts.draft_helpers import BODY
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import move_to
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from plone import api
from plone.app.textfield.value import RichTextValue
from portal_helpers import make_user
from portal_helpers import page_browser
from urllib.parse import urlencode
import re
import transaction


SECOND = "second"  # a second participant of the round


def give_participant_role(draft, login):
    make_user(login)
    draft.manage_setLocalRoles(login, ["DraftParticipant"])
    draft.reindexObjectSecurity()
    transaction.commit()


def make_draft_in(portal, language, id="resolution", state="round_open"):
    """A draft like ``make_draft``'s in the ``language`` folder, with the
    same body, ``PARTICIPANT`` invited, moved to ``state``."""
    transaction.begin()
    with api.env.adopt_user(username=SECRETARIAT):
        draft = api.content.create(
            container=portal[language],
            type="DraftDocument",
            id=id,
            title="Draft resolution",
            lead_author=LEAD,
            text=RichTextValue(BODY, "text/html", "text/x-html-safe"),
        )
    draft.manage_setLocalRoles(PARTICIPANT, ["DraftParticipant"])
    draft.reindexObjectSecurity()
    transaction.commit()
    move_to(draft, state)
    return draft


def sign(login, fullname, organisation, country):
    """What the page shows of ``login``'s comments: name, organisation and
    country of their member data."""
    api.user.get(username=login).setMemberProperties(
        mapping={"fullname": fullname, "organisation": organisation, "country": country}
    )
    transaction.commit()


def transition(draft, *names):
    """Walk the workflow without round records (as ``move_to``)."""
    transaction.begin()
    with api.env.adopt_user(username=SECRETARIAT), round_change(draft):
        for name in names:
            api.content.transition(draft, name)
    transaction.commit()


class DraftPageTestCase(DraftCommentsTestCase):
    def page(self, login=None, query="", language="en"):
        browser = page_browser(self.layer["app"], login, language)
        browser.open(f"{self.draft.absolute_url()}{query}")
        return browser

    def status(self, browser):
        return int(browser.headers["status"].split()[0])

    def submit(self, browser, **fields):
        """Post the page's comment form as a browser without scripts
        would (zope.testbrowser cannot read forms whose buttons sit
        outside them, as the page's "Comment" buttons do)."""
        token = re.search(
            r'name="_authenticator" type="hidden" value="(\w+)"', browser.contents
        )
        action = re.search(
            r'<form class="[^"]*view-name-view" action="([^"]+)"', browser.contents
        )
        data = {f"form.widgets.{name}": value for name, value in fields.items()}
        data["form.buttons.comment"] = "Comment"
        data["_authenticator"] = token.group(1)
        browser.post(action.group(1), urlencode(data))
        return browser

    def comment_id(self, text):
        for comment in self.comments():
            if comment.text == text:
                return comment.comment_id
        raise AssertionError(f"no comment {text!r}")

    def block(self, contents, pid):
        """The HTML of paragraph ``pid``'s block on the page (up to the
        next block)."""
        start = contents.index(f'id="{pid}"')
        following = re.compile(
            r'<div class="draft-block |<section class="draft-general'
        ).search(contents, start)
        return contents[start : following.start() if following else None]
