"""``<draft>/@@incorporate``: the lead author's page for a round's
comments (issue 22, Behaviour 4): the current round's comments by
paragraph (its number and the text the round opened on), each comment
with a disposition (accepted, accepted in part, not accepted, noted) and
an optional response, saved together (one form, plone.protect's
authenticator); an "Apply suggestion" button on comments proposing
wording, shown as a tracked change; a filter "without disposition"; and
the compiled export's links (``@@comments-export``, the same file as
``@comments-export`` over REST).

The page reads and writes through ``incorporation`` only; a refusal
(the paragraph changed, a bad value) is shown as a message with nothing
changed."""

from collab.portal import _
from collab.portal.dates import format_date
from collab.portal.drafts.diff import render_changes
from collab.portal.drafts.diff import suggestion_diff
from collab.portal.drafts.fields import paragraph_number
from collab.portal.drafts.incorporation import apply_suggestion
from collab.portal.drafts.incorporation import comment_of
from collab.portal.drafts.incorporation import dispose
from collab.portal.drafts.incorporation import export_file
from collab.portal.drafts.incorporation import IncorporationRefused
from collab.portal.drafts.incorporation import placed_comments
from collab.portal.drafts.incorporation import suggested_text
from collab.portal.drafts.rounds import current_round
from collab.portal.drafts.vocabularies import DISPOSITION_TITLES
from collab.portal.errors import shown
from collab.portal.vocabularies.countries import country_name
from plone import api
from plone.protect.authenticator import check as check_authenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate
import transaction


SAVED = _("draft_dispositions_saved", default="Dispositions saved.")


def applied(number):
    return _(
        "draft_suggestion_applied",
        default="The suggestion was written into paragraph ${number}.",
        mapping={"number": number},
    )


class IncorporatePage(BrowserView):
    def __call__(self):
        if self.request.get("REQUEST_METHOD") == "POST":
            return self.save()
        self.round = current_round(self.context)
        return self.index()

    # Reading -----------------------------------------------------------

    @property
    def language(self):
        return (api.portal.get_current_language() or "en")[:2]

    @property
    def without_only(self):
        return self.request.form.get("without") == "1"

    def dispositions(self):
        return [
            {"key": key, "title": translate(title, context=self.request)}
            for key, title in DISPOSITION_TITLES.items()
        ]

    def sections(self):
        """``[{"heading", "text", "entries"}]`` of the current round, in
        the export's order; with the filter, only the threads whose
        comment has no disposition yet."""
        if self.round is None:
            return []
        sections, current = [], None
        keep = True
        for placed in placed_comments(self.context, self.round.number):
            row = placed.row
            if placed.depth == 0:
                keep = not (self.without_only and row.disposition)
            if not keep:
                continue
            key = (row.orphaned, row.paragraph_number, row.paragraph_text)
            if current is None or current["key"] != key:
                current = {
                    "key": key,
                    "heading": self.heading(row),
                    "text": row.paragraph_text,
                    "entries": [],
                }
                sections.append(current)
            current["entries"].append(self.entry(placed))
        return sections

    def heading(self, row):
        number = row.paragraph_number
        if row.orphaned:
            message = (
                _("Former paragraph ${number}", mapping={"number": number})
                if number
                else _("drafts_export_removed_text", default="Removed text")
            )
        elif not number:
            message = _("drafts_export_whole_draft", default="Whole draft")
        else:
            message = _("Paragraph ${number}", mapping={"number": number})
        return translate(message, context=self.request)

    def entry(self, placed):
        row, comment = placed.row, placed.comment
        who = ", ".join(
            part
            for part in (row.author, row.organisation, country_name(row.country))
            if part
        )
        tracked = None
        if row.suggestion:
            old, new = suggested_text(row, getattr(comment, "anchor", None))
            tracked = render_changes(suggestion_diff(old, new), self.language)
        return {
            "id": placed.id,
            "depth": placed.depth,
            "top": placed.depth == 0,
            "who": who,
            "date": format_date(row.date, self.language) if row.date else "",
            "text": row.text,
            "quote": (getattr(comment, "anchor", None) or {}).get("quote") or "",
            "tracked": tracked,
            "disposition": row.disposition,
            "response": row.response,
            "may_apply": bool(row.suggestion) and not row.orphaned,
        }

    def export_url(self, fmt):
        return f"{self.context.absolute_url()}/@@comments-export?format={fmt}"

    # Writing -----------------------------------------------------------

    def save(self):
        check_authenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        try:
            changed = self.save_dispositions(form)
            asked = form.get("apply")
            if asked:
                pid, _text = apply_suggestion(
                    self.context, comment_of(self.context, asked)
                )
                number = paragraph_number(self.context, pid) or "?"
                messages.add(
                    translate(applied(number), context=self.request),
                    "info",
                )
            elif changed:
                messages.add(translate(SAVED, context=self.request), "info")
        except IncorporationRefused as error:
            transaction.doom()
            messages.add(translate(error.message, context=self.request), "error")
        self.request.response.redirect(f"{self.context.absolute_url()}/@@incorporate")
        return ""

    def save_dispositions(self, form):
        """Every top-level comment the form names (``disposition.<id>``,
        ``response.<id>``); a refusal dooms the transaction, so nothing
        of the form is kept."""
        wanted = {}
        for name in form:
            if name.startswith("disposition.") or name.startswith("response."):
                wanted.setdefault(name.split(".", 1)[1], None)
        changes = []
        for cid in wanted:
            comment = comment_of(self.context, cid)
            disposition = form.get(f"disposition.{cid}") or None
            response = form.get(f"response.{cid}", "")
            if response is not None and not isinstance(response, str):
                response = None
            changes.append((comment, disposition, (response or "").strip() or None))
        changed = False
        for comment, disposition, response in changes:
            changed = dispose(self.context, comment, disposition, response) or changed
        return changed


class CommentsExportPage(BrowserView):
    """``@@comments-export?format=docx|xlsx|csv[&round=n]``: the file, as
    ``@comments-export`` over REST."""

    def __call__(self):
        try:
            return export_file(self.context, self.request.form, self.request.response)
        except IncorporationRefused as error:
            kind = NotFound if error.status == 404 else BadRequest
            raise shown(kind(translate(error.message, context=self.request))) from None
