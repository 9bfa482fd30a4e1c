"""``<draft>/@@compare?from=<round>&to=<round|current>``: two texts of the
draft compared paragraph by paragraph, down to one word (issue 22,
Behaviour 4), for whoever reads the draft.

Two selects choose the texts: a round (the text it opened on) or the
current text. Without parameters the page compares the latest round with
the current text: what changed since the round opened. The comparison is
``drafts.comparison`` (as ``@diff`` answers it) drawn by ``diff.render``:
``<del>``/``<ins>`` with a visually hidden "deleted text:"/"inserted
text:", paragraph numbers and statuses in words. A garbled parameter
(400) or a round the draft does not have (404) is said on the page, with
the selects to choose again.

The document action "Compare versions" (``draft_compare`` in the
profile's actions.xml) links here from a draft that has had a round
(``show_link``).
"""

from collab.portal import _
from collab.portal.comments.authors import is_guest
from collab.portal.drafts import diff
from collab.portal.drafts.comparison import compare_rounds
from collab.portal.drafts.comparison import ComparisonRefused
from collab.portal.drafts.comparison import CURRENT
from collab.portal.drafts.comparison import parse_side
from collab.portal.drafts.comparison import round_numbers
from collab.portal.drafts.guests import GUEST_PAGES
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


class ComparePage(BrowserView):
    old = new = None
    refusal = None
    changes = 0
    html = ""

    def __call__(self):
        self.numbers = round_numbers(self.context)
        if self.numbers:
            self.compare()
        return self.index()

    def compare(self):
        form = self.request.form
        try:
            self.old = parse_side(form.get("from"), default=self.numbers[-1])
            self.new = parse_side(form.get("to"), default=CURRENT)
            rows = compare_rounds(self.context, self.old, self.new)
        except ComparisonRefused as error:
            self.refusal = translate(error.message, context=self.request)
            self.request.response.setStatus(error.status)
            return
        self.changes = sum(row["status"] != "unchanged" for row in rows)
        self.html = diff.render(rows, api.portal.get_current_language())

    def show_link(self):
        """Whether the document action "Compare versions" shows on the
        draft: once it has a round, for those who may open this page (a
        guest only if the guests' allow-list names it)."""
        if not round_numbers(self.context):
            return False
        user = api.user.get_current()
        return "compare" in GUEST_PAGES or not is_guest(user.getId())

    def choices(self):
        """``(value, label)`` of each text that can be compared."""
        rounds = [
            (
                str(number),
                translate(
                    _(
                        "draft_compare_round",
                        default="Round ${number}",
                        mapping={"number": number},
                    ),
                    context=self.request,
                ),
            )
            for number in self.numbers
        ]
        current = translate(_("Current text"), context=self.request)
        return rounds + [(CURRENT, current)]

    def chosen(self, side):
        """The value of the option selected for ``side`` (a string)."""
        value = self.old if side == "from" else self.new
        return str(value) if value is not None else ""
