"""The comments under engine-managed content (``ICommentHost``), a page of
threads at a time.

plone.app.discussion's viewlet renders every comment of the conversation,
with a member lookup and several permission checks for each. This one
keeps its comment form and its markup (so Plone's reply and moderation
scripts work unchanged) but renders one page of threads, in the order the
reader chose, with the author's organisation and country beside the name,
a line for each of the policy's fields the comment carries and a link to flag it.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from collab.portal import _
from collab.portal.comments.authors import acting_author
from collab.portal.comments.authors import author_details
from collab.portal.comments.authors import author_key
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.batching import requested_order
from collab.portal.comments.fields import comment_fields
from collab.portal.comments.fields import stored
from collab.portal.comments.flags import counting_flags
from collab.portal.comments.flags import flag_history
from collab.portal.comments.interfaces import ICommentPolicy
from collab.portal.comments.rendering import comment_html
from collab.portal.comments.replies import no_such_comment
from collab.portal.comments.viewlet import ModerationMessage
from collab.portal.dates import format_utc
from collab.portal.dates import number_on_page
from plone import api
from plone.app.discussion.browser.comments import CommentsViewlet
from plone.app.discussion.interfaces import IConversation
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message


FLAG_HISTORY_LABELS = {
    "flag": _("flag_history_flag", default="Flagged by ${user}"),
    "publish": _("flag_history_publish", default="Published by ${user}"),
    "reject": _("flag_history_reject", default="Rejected by ${user}"),
    "mark_as_spam": _("flag_history_spam", default="Marked as spam by ${user}"),
}


class CommentsPageViewlet(ModerationMessage, CommentsViewlet):
    index = ViewPageTemplateFile("templates/comments_page.pt")

    def update(self):
        # A crafted form may send several parents; the form's number
        # widget would fail on a list (the one parent is checked by
        # comments.replies.ReadableParent).
        parent = self.request.form.get("form.widgets.in_reply_to")
        if parent is not None and not isinstance(parent, str):
            raise no_such_comment(self.request)
        super().update()
        context = aq_inner(self.context)
        self.check = getSecurityManager().checkPermission
        self.userid = None if self.is_anonymous() else api.user.get_current().getId()
        self.author = acting_author(context)
        self.taking_comments = ICommentPolicy(context).is_open()
        self.fields = comment_fields(context)
        self.may_flag = bool(self.userid) and bool(
            self.check("collab.portal: Flag comments", context)
        )
        self.reader = DiscussionReader(IConversation(context), context)
        self.order = requested_order(self.request)
        self.size = api.portal.get_registry_record(
            "collab.portal.comments_page_size", default=20
        )
        try:
            self.start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            self.start = 0
        self.threads_total, entries = self.reader.threads_page(
            self.order, self.start, self.size
        )
        self.entries = [self.details(entry) for entry in entries]

    def number(self, value):
        return number_on_page(value)

    def comments_total(self):
        return self.reader.count()

    def details(self, entry):
        """What the template shows of one comment; permission checks only
        where they can say yes (own comments, moderators)."""
        comment = entry["comment"]
        own = bool(self.author) and author_key(comment) == self.author
        moderator = self.reader.moderator
        wtool = api.portal.get_tool("portal_workflow")
        state = (
            wtool.getInfoFor(comment, "review_state", "published")
            if moderator or own
            else "published"
        )
        details = author_details(comment)
        return {
            "comment": comment,
            "id": comment.getId(),
            "html": comment_html(comment),
            "depth": min(entry["depth"], 10),
            "state": state,
            "author": self.get_author_name(comment),
            "organisation": details["author_organisation"],
            "country": details["author_country_name"],
            "fields": self.field_lines(comment),
            "date": format_utc(comment.creation_date, self.request),
            "language": getattr(comment, "language", None),
            "can_edit": (own or moderator)
            and bool(self.check("Edit comments", comment)),
            "can_delete": moderator and bool(self.check("Delete comments", comment)),
            "actions": [
                action
                for action in wtool.listActionInfos(object=comment)
                if action["category"] == "workflow" and action["allowed"]
            ]
            if moderator
            else [],
            "may_flag": self.may_flag and not own and state == "published",
            "flags": self.flag_entries(comment) if moderator else [],
            "flags_counting": counting_flags(comment) if moderator else 0,
        }

    def field_lines(self, comment):
        """What the page shows of the policy's fields on ``comment``."""
        lines = []
        for field in self.fields:
            text = field.text(self.context, stored(comment, field))
            if text:
                lines.append(
                    {
                        "css_class": field.css_class,
                        "label": translate(field.label, context=self.request),
                        "text": text,
                    }
                )
        return lines

    def flag_entries(self, comment):
        """The flag history a moderator sees under a flagged comment."""
        return [
            {
                "what": translate(
                    Message(
                        FLAG_HISTORY_LABELS.get(
                            entry.get("transition") or entry["kind"],
                            FLAG_HISTORY_LABELS["flag"],
                        ),
                        mapping={"user": entry["userid"]},
                    ),
                    context=self.request,
                ),
                "date": format_utc(entry["date"], self.request),
            }
            for entry in flag_history(comment)
        ]

    def has_replies(self, workflow_actions=False):
        return bool(self.entries)

    # Batch navigation

    def page_url(self, **params):
        query = {"order": self.order, "b_start": self.start}
        query.update(params)
        return f"{self.context.absolute_url()}?{urlencode(query)}#comments"

    def newer_url(self):
        """Towards the page of the newest threads."""
        return self._previous_url() if self.order == "newest" else self._next_url()

    def older_url(self):
        return self._previous_url() if self.order == "oldest" else self._next_url()

    def _previous_url(self):
        if not self.start:
            return None
        return self.page_url(b_start=max(0, self.start - self.size))

    def _next_url(self):
        following = self.start + self.size
        if following >= self.threads_total:
            return None
        return self.page_url(b_start=following)

    def page_number(self):
        return self.start // self.size + 1

    def pages(self):
        return max(1, -(-self.threads_total // self.size))

    def order_url(self, order):
        return self.page_url(order=order, b_start=0)

    def flag_url(self, entry):
        return (
            f"{self.context.absolute_url()}/@@flag-comment?"
            f"{urlencode({'comment_id': entry['id']})}"
        )
