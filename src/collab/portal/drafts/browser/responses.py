"""``<draft>/@@responses?round=n``: the published comments-and-responses
table of round n (issue 22, Behaviour 4: the next round opens with it):
each comment with its paragraph, its proposed wording, who wrote it, the
disposition and the response (``export.responses_table_html``, escaped).

The lead author and the secretariat (collab.portal: Export draft
comments) read it at any time; the draft's other readers once round n+1
has opened, and then only the comments the engine's reader lets them
read. Without ``round``: the latest table the reader may read."""

from collab.portal import _
from collab.portal.drafts.export import responses_table_html
from collab.portal.drafts.incorporation import EXPORT
from collab.portal.drafts.incorporation import IncorporationRefused
from collab.portal.drafts.incorporation import responses_visible
from collab.portal.drafts.incorporation import rows_of
from collab.portal.drafts.rounds import current_round
from collab.portal.drafts.rounds import round_of
from collab.portal.errors import shown
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate


READ = "collab.portal: Read draft comments"


class ResponsesPage(BrowserView):
    def __call__(self):
        may_export = api.user.has_permission(EXPORT, obj=self.context)
        self.round = self.asked_round(may_export)
        if not (
            (may_export or api.user.has_permission(READ, obj=self.context))
            and responses_visible(self.context, self.round.number, may_export)
        ):
            raise Unauthorized("responses")
        return self.index()

    def asked_round(self, may_export):
        asked = self.request.form.get("round")
        if asked in (None, ""):
            latest = current_round(self.context)
            number = latest.number if latest is not None else 0
            if not may_export:
                number -= 1
            found = round_of(self.context, number)
        elif isinstance(asked, str) and asked.isdigit():
            found = round_of(self.context, asked)
        else:
            found = None
        if found is None:
            raise shown(
                NotFound(
                    translate(
                        _(
                            "draft_no_responses",
                            default="There is no comments-and-responses table "
                            "of this round.",
                        ),
                        context=self.request,
                    )
                )
            )
        return found

    def table(self):
        language = (api.portal.get_current_language() or "en")[:2]
        try:
            rows = rows_of(self.context, self.round.number)
        except IncorporationRefused:  # pragma: no cover: checked above
            rows = []
        return responses_table_html(rows, language)
