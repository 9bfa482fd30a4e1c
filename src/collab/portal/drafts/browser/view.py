"""The page of a draft (issue 22, Behaviour 3): its text block by block,
each with its number, how many of its comments the reader may read and a
"Comment" button; the comments threaded under their paragraph, general
comments on the whole draft and comments on removed text.

The page reads the conversation once: the ids the reader may see come
from the engine's counters (``DiscussionReader``), each visible comment
is loaded once and put under its paragraph, and the counts come from the
paragraph index (``drafts.polling.paragraph_counts``, what ``@paragraphs``
answers, so the page's script compares like with like). No catalog query
and no member lookup per comment: the author's organisation and country
are stored on the comment.

Comments are posted through plone.app.discussion's own comment form
(the engine's path, its checks and the policy's fields): one form on the
page, which ``drafts.js`` moves under the paragraph or comment it is for.
Without scripts the "Comment" and "Reply" buttons ask for the page again
with the paragraph or the comment chosen, and the form is shown with it.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_inner
from BTrees.LLBTree import difference
from BTrees.LLBTree import intersection
from BTrees.LLBTree import LLTreeSet
from BTrees.LLBTree import union
from collab.portal import _
from collab.portal.comments.authors import author_details
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.batching import reads_the_comments
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.rendering import comment_html
from collab.portal.comments.stats import comment_stats
from collab.portal.dates import format_utc
from collab.portal.drafts.anchoring import ORPHANED
from collab.portal.drafts.comment_index import comments_on
from collab.portal.drafts.comment_index import paragraph_index
from collab.portal.drafts.diff import render_changes
from collab.portal.drafts.diff import suggestion_diff
from collab.portal.drafts.fields import disposition_title
from collab.portal.drafts.paragraphs import PID
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.polling import paragraph_counts
from collections import OrderedDict
from functools import partial
from html import escape
from plone import api
from plone.app.discussion.browser.comments import CommentForm
from plone.app.discussion.interfaces import IConversation
from plone.app.layout.viewlets.common import ViewletBase
from plone.z3cform import z2
from plone.z3cform.interfaces import IWrappedForm
from Products.Five.browser import BrowserView
from z3c.form import interfaces as form_interfaces
from z3c.form.interfaces import IFormLayer
from ZODB.utils import z64
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface
import lxml.html


READ_COMMENTS = "collab.portal: Read draft comments"
# Past this many comments on its paragraphs a reader may read, a draft's
# page folds each paragraph's thread behind "Show the N comments" (read
# from @comments by the script, or by ``?show=<paragraph>`` without it):
# a page of 2,000 comments rendered whole is megabytes and seconds.
FOLD_OVER = 100
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))


class IDraftPage(Interface):
    """The draft's page: it shows the comments itself (the engine's
    comments viewlet stays off it)."""


class NoCommentsViewlet(ViewletBase):
    """In place of the engine's comments viewlet on the draft's page,
    which renders the threads and the one comment form itself."""

    def render(self):
        return ""


def fill(template, values):
    """``template`` with its ``${name}`` placeholders replaced."""
    for name, value in values.items():
        template = template.replace(f"${{{name}}}", str(value))
    return template


# The blocks of recent bodies, by draft, place and stored state: the body
# is transformed and parsed once per change, not on every page view (the
# draft's own record changes when its text does; comments live elsewhere).
_BLOCKS = OrderedDict()
_BLOCKS_KEPT = 64


def body_blocks(draft):
    """``[(pid, html)]``: the draft's blocks in document order, each as
    valid HTML of its own (a table row in a one-row table, a list item's
    content in a ``div``), from the body's safe output."""
    base = aq_base(draft)
    serial = getattr(base, "_p_serial", z64)
    if serial == z64 or getattr(base, "_p_changed", False):
        return read_blocks(draft)  # not stored yet, or changed since
    key = (draft.absolute_url(), serial)
    found = _BLOCKS.get(key)
    if found is None:
        found = _BLOCKS[key] = read_blocks(draft)
        while len(_BLOCKS) > _BLOCKS_KEPT:
            _BLOCKS.popitem(last=False)
    return found


def read_blocks(draft):
    text = getattr(draft, "text", None)
    html = text.output_relative_to(draft) if text is not None else ""
    if not html or not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        pid = element.get("id")
        if pid and PID.match(pid):
            found.append((pid, element))
    return [(pid, _block_html(element)) for pid, element in found]


def _inner(element):
    parts = [escape(element.text, quote=False)] if element.text else []
    parts.extend(lxml.html.tostring(child, encoding=str) for child in element)
    return "".join(parts)


def _block_html(element):
    tag = element.tag
    del element.attrib["id"]  # the block's wrapper carries the id
    if tag == "tr":
        element.tail = None
        row = lxml.html.tostring(element, encoding=str)
        return f'<table class="table table-sm draft-row"><tbody>{row}</tbody></table>'
    if tag == "p" or tag in HEADINGS:
        return f"<{tag}>{_inner(element)}</{tag}>"
    return f'<div class="draft-{tag}">{_inner(element)}</div>'


def plain_text_html(comment):
    """A comment's text as HTML. Plain text (what the comment form and
    REST store) is escaped here as Plone's ``text_to_html`` transform does
    (``<p>``, line breaks as ``<br />``): a draft page shows thousands of
    comments, more than the engine's RAM cache of transformed texts
    holds, and the transform chain costs milliseconds each. Other
    formats go through Plone's transforms (``comments.rendering``)."""
    if getattr(comment, "mime_type", None) != "text/plain":
        return comment_html(comment)
    text = escape((comment.text or "").strip(), quote=False)
    return f"<p>{text.replace(chr(10), '<br />')}</p>"


@implementer(IDraftPage)
class DraftView(BrowserView):
    def __call__(self):
        self.update()
        if self.request.response.getStatus() in (301, 302, 303):
            return ""  # the comment form stored a comment and redirects
        return self.index()

    def update(self):
        context = aq_inner(self.context)
        check = getSecurityManager().checkPermission
        policy = ICommentPolicy(context)
        conversation = IConversation(context)
        self.table = read_table(context)
        self.reader = DiscussionReader(conversation, context)
        self.reads_comments = bool(check(READ_COMMENTS, context)) and (
            self.reader.moderator or reads_the_comments(conversation)
        )
        self.may_comment = (
            self.reads_comments
            and policy.is_open()
            and bool(check("Reply to item", context))
            and context.restrictedTraverse("@@conversation_view").enabled()
        )
        self.form = None
        if self.may_comment:
            self.form = self.comment_form(context)
        paragraphs = self.table.paragraphs()
        numbers = {p.id: p.number for p in paragraphs}
        kinds = {p.id: p.kind for p in paragraphs}
        self.counts = (
            paragraph_counts(context, self.reader) if self.reads_comments else {}
        )
        self.folded = sum(self.counts.values()) > FOLD_OVER
        shown = self.request.form.get("show")
        self.shown = shown if isinstance(shown, str) and shown in numbers else None
        threads, general, orphaned = self.threads(numbers)
        labels = self.block_labels()
        self.blocks = []
        for pid, html in body_blocks(context):
            if pid not in numbers:
                continue
            count = self.counts.get(pid, 0)
            values = {"number": numbers[pid], "count": count}
            self.blocks.append(
                {
                    "id": pid,
                    "number": numbers[pid],
                    "kind": kinds[pid],
                    "html": html,
                    "count": count,
                    "threads": threads.get(pid, []),
                    "folded": self.folded and pid != self.shown and count > 0,
                    "label": fill(labels["label"], values),
                    "count_label": fill(labels["count_label"], values),
                    "show_label": fill(labels["show_label"], values),
                }
            )
        chosen = self.chosen_paragraph()
        for block in self.blocks:
            quiet = not block["threads"] and block["id"] != chosen
            block["markup"] = self.quiet_block(block) if quiet else None
        self.general = general
        self.orphaned = orphaned

    # The comment form ------------------------------------------------------

    def comment_form(self, context):
        """plone.app.discussion's comment form with the policy's fields,
        as its viewlet makes it (a POST is handled here)."""
        z2.switch_on(self, request_layer=IFormLayer)
        form = CommentForm(context, self.request)
        alsoProvides(form, IWrappedForm)
        form.update()
        if "paragraph" in form.widgets:
            form.widgets["paragraph"].mode = form_interfaces.HIDDEN_MODE
            if not self.request.form.get("form.widgets.paragraph"):
                chosen = self.request.form.get("comment_on")
                if isinstance(chosen, str) and chosen in self.table:
                    form.widgets["paragraph"].value = chosen
        reply_to = self.request.form.get("reply_to")
        if (
            isinstance(reply_to, str)
            and reply_to.isdigit()
            and len(reply_to) < 19  # a comment id, not a number too big for it
            and int(reply_to) in self.reader.conversation
            and self.reader.may_read(int(reply_to))
        ):
            form.widgets["in_reply_to"].value = reply_to
        return form

    def form_legend(self):
        """What the form is for now (without scripts: what was chosen)."""
        if self.form is None:
            return ""
        pid = (
            self.form.widgets["paragraph"].value
            if "paragraph" in (self.form.widgets)
            else None
        )
        if self.form.widgets["in_reply_to"].value:
            return self.say(_("draft_reply_legend", default="Reply"))
        if pid and pid in self.table:
            for paragraph in self.table.paragraphs():
                if paragraph.id == pid:
                    return self.say(
                        _(
                            "draft_comment_on_paragraph",
                            default="Comment on paragraph ${number}",
                            mapping={"number": paragraph.number},
                        )
                    )
        return self.say(_("draft_general_legend", default="General comment"))

    # Threads ---------------------------------------------------------------

    def threads(self, numbers):
        """``(by paragraph, general, orphaned)``: the threads the reader
        may read, each a list of comment details (the first is the top
        of its thread), oldest first."""
        by_paragraph, general, orphaned = {}, [], []
        if not self.reads_comments:
            return by_paragraph, general, orphaned
        reader = self.reader
        stats = comment_stats(reader.conversation, create=False)
        public = stats.public if stats is not None else ()
        countries = {}
        for top in self.starts(numbers):
            thread = [
                self.details(reader.conversation[cid], depth, public, countries)
                for cid, depth in reader.thread(top)
            ]
            comment = aq_base(reader.conversation[top])
            pid = getattr(comment, "paragraph", None)
            anchor = getattr(comment, "anchor", None) or {}
            if not pid:
                general.append(thread)
            elif anchor.get("state") == ORPHANED or pid not in numbers:
                thread[0]["removed_text"] = anchor.get("text") or ""
                orphaned.append(thread)
            else:
                by_paragraph.setdefault(pid, []).append(thread)
        return by_paragraph, general, orphaned

    def starts(self, numbers):
        """The threads to render: all, or on a folded page the general and
        removed-text ones and those of the paragraph shown (from the
        paragraph index: the folded ones' comments are not loaded)."""
        starts = self.reader.thread_starts()
        if not self.folded:
            return starts
        draft = aq_inner(self.context)
        index = paragraph_index(draft) or {}
        placed = LLTreeSet()
        for pid, ids in index.items():
            if pid in numbers:
                placed = union(placed, ids)
        chosen = comments_on(draft, self.shown) if self.shown else LLTreeSet()
        return union(difference(starts, placed), intersection(starts, chosen))

    def details(self, comment, depth, public, countries):
        # The policy's fields from the comment itself: one a comment lacks
        # is not acquired from the draft and the site (a schema lookup
        # each, thousands on a long round's page).
        base = aq_base(comment)
        base_text = None
        anchor = getattr(base, "anchor", None) or {}
        suggestion = getattr(base, "suggestion", None)
        quote = getattr(base, "quote", None) or anchor.get("quote") or ""
        if suggestion and not comment.in_reply_to:
            base_text = (
                quote
                or anchor.get("text")
                or (self.table.text(comment.paragraph) or "")
            )
        author = author_details(comment)
        return {
            "id": comment.comment_id,
            "depth": min(depth, 5),
            "author": comment.author_name or comment.author_username or "",
            "organisation": author["author_organisation"],
            "country": author["author_country_name"],
            "date": format_utc(comment.creation_date, self.request),
            "iso_date": comment.creation_date.isoformat(),
            "html": plain_text_html(comment),
            "quote": quote if not comment.in_reply_to else "",
            "suggestion": render_changes(
                suggestion_diff(base_text, suggestion),
                api.portal.get_current_language(),
            )
            if base_text is not None
            else None,
            "disposition": disposition_title(getattr(base, "disposition", None)),
            "response": getattr(base, "response", None),
            "pending": comment.comment_id not in public,
            "removed_text": None,
        }

    # For the template ------------------------------------------------------

    def say(self, message):
        return translate(message, context=self.request)

    def chosen_paragraph(self):
        form = self.form
        if form is None or "paragraph" not in form.widgets:
            return None
        return form.widgets["paragraph"].value or None

    def quiet_block(self, block):
        """The markup of a block without threads or the form, written
        here rather than by the template: hundreds of them on a page, each
        a dozen template expressions (the markup is the template's own,
        ``templates/view.pt``, which renders the other blocks)."""
        attr = partial(escape, quote=True)
        pid = attr(block["id"])
        number = attr(str(block["number"]))
        count = block["count"]
        folded = ' data-folded="1"' if block["folded"] else ""
        parts = [
            f'<div class="draft-block draft-kind-{attr(block["kind"])}" id="{pid}"'
            f' data-count="{count}"{folded} data-number="{number}">'
            '<div class="draft-block-main">'
            f'<span class="draft-number">{number}</span>'
            f'<div class="draft-text">{block["html"]}</div>'
        ]
        if self.reads_comments:
            parts.append(
                '<div class="draft-tools"><span class="draft-count badge '
                f'text-bg-light"><span aria-hidden="true">{count}</span><span '
                f'class="visually-hidden">{attr(block["count_label"])}</span></span>'
            )
            if self.may_comment:
                parts.append(
                    '<button class="btn btn-outline-primary btn-sm '
                    'draft-comment-button" aria-controls="draft-comment-form" '
                    'aria-expanded="false" form="draft-choose" name="comment_on" '
                    f'type="submit" value="{pid}">{attr(block["label"])}</button>'
                )
            parts.append("</div>")
        parts.append("</div>")
        if self.reads_comments and block["folded"]:
            parts.append(
                '<a class="btn btn-link btn-sm draft-show-comments" '
                f'aria-expanded="false" href="?show={pid}#{pid}">'
                f"{attr(block['show_label'])}</a>"
            )
        if self.reads_comments:
            parts.append('<div class="draft-comments" tabindex="-1"></div>')
        if self.may_comment:
            parts.append('<div class="draft-form-slot"></div>')
        parts.append("</div>")
        return "".join(parts)

    def block_labels(self):
        """Each block's words, translated once for all blocks (with their
        ``${number}`` and ``${count}`` left to ``fill``)."""
        return {
            "label": self.say(
                _(
                    "draft_comment_on_paragraph",
                    default="Comment on paragraph ${number}",
                )
            ),
            "count_label": self.say(
                _(
                    "draft_paragraph_count",
                    default="Comments on paragraph ${number}: ${count}",
                )
            ),
            "show_label": self.say(
                _(
                    "draft_show_comments",
                    default="Show the ${count} comments on paragraph ${number}",
                )
            ),
        }

    def attribution(self, entry):
        """ "Name, Organisation (Country)", leaving out what is unknown."""
        text = entry["author"]
        if entry["organisation"]:
            text = f"{text}, {entry['organisation']}"
        if entry["country"]:
            text = f"{text} ({entry['country']})"
        return text

    def reply_label(self, entry):
        return self.say(
            _(
                "draft_reply_to",
                default="Reply to ${name}",
                mapping={"name": entry["author"]},
            )
        )

    def comments_total(self):
        return self.reader.count() if self.reads_comments else 0

    def static_url(self, name):
        return f"{api.portal.get().absolute_url()}/++plone++collab.portal.drafts/{name}"

    def live_strings(self):
        """What the script says, translated here (data attributes)."""
        return {
            "data-announce-one": self.say(
                _(
                    "draft_new_comment_on",
                    default="1 new comment on paragraph ${number}",
                )
            ),
            "data-announce-many": self.say(
                _(
                    "draft_new_comments_on",
                    default="${count} new comments on paragraph ${number}",
                )
            ),
            "data-reply-label": self.say(
                _("draft_reply_to", default="Reply to ${name}")
            ),
            "data-suggestion-label": self.say(_("Proposed wording")),
            "data-quote-label": self.say(_("On the words")),
            "data-comment-label": self.say(
                _(
                    "draft_comment_on_paragraph",
                    default="Comment on paragraph ${number}",
                )
            ),
            "data-general-label": self.say(
                _("draft_general_legend", default="General comment")
            ),
            "data-show-label": self.say(
                _(
                    "draft_show_comments",
                    default="Show the ${count} comments on paragraph ${number}",
                )
            ),
            "data-count-label": self.say(
                _(
                    "draft_paragraph_count",
                    default="Comments on paragraph ${number}: ${count}",
                )
            ),
        }
