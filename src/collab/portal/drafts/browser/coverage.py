"""``@@coverage`` on a draft (those who manage its rounds): which invited
contacts, contact groups and countries commented in a round and which did
not, and the one-click reminder to the others while the round is open.
Pages and REST share ``coverage`` and ``invitations``."""

from collab.portal import _
from collab.portal.drafts.coverage import coverage
from collab.portal.drafts.coverage import not_commented
from collab.portal.drafts.invitations import start_reminder
from collab.portal.drafts.rounds import open_round_of
from collab.portal.drafts.rounds import round_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage


class CoverageView(BrowserView):
    def __call__(self):
        self.round = round_of(self.context, self.request.form.get("round", "current"))
        if self.request.method == "POST" and self.request.form.get("remind"):
            CheckAuthenticator(self.request)
            self.remind()
        return self.index()

    def remind(self):
        messages = IStatusMessage(self.request)
        round = open_round_of(self.context)
        if round is None or round is not self.round or not round.taking_comments():
            messages.add(
                _("draft_round_not_open", default="This round is not open."),
                type="error",
            )
            return
        uids = not_commented(self.context, round)
        if uids:
            start_reminder(self.context, round, uids, api.user.get_current().getId())
        messages.add(
            _(
                "draft_reminder_started",
                default="A reminder is being sent to ${count} contacts.",
                mapping={"count": len(uids)},
            ),
            type="info",
        )

    def data(self):
        if self.round is None:
            return None
        language = (api.portal.get_current_language() or "en")[:2]
        return coverage(self.context, self.round, language)

    def may_remind(self):
        round = open_round_of(self.context)
        return round is not None and round is self.round and round.taking_comments()
