"""The comment policy of a draft (``comments.interfaces.ICommentPolicy``):
comments are taken while a round is open, read by the round's people and
the secretariat only (even once the draft is final and public), and carry
the paragraph they are about, the words they quote and proposed wording.

A comment's anchor (``anchoring.capture``) is made from the server's text
of its paragraph before the comment is stored: a quote that is not in
that paragraph is refused with a 400 and nothing is stored.
"""

from collab.portal import _
from collab.portal.comments.policy import CommentPolicy
from collab.portal.content.draft_document import IDraftDocument
from collab.portal.drafts.anchoring import capture
from collab.portal.drafts.comment_index import index_comment
from collab.portal.drafts.comment_index import unindex_comment
from collab.portal.drafts.fields import DISPOSITION
from collab.portal.drafts.fields import PARAGRAPH
from collab.portal.drafts.fields import QUOTE
from collab.portal.drafts.fields import RESPONSE
from collab.portal.drafts.fields import SUGGESTION
from collab.portal.drafts.guests import current_guest
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.rounds import AFTER_DEADLINE
from collab.portal.drafts.rounds import open_round_of
from collab.portal.errors import shown
from OFS.interfaces import IObjectWillBeAddedEvent
from plone import api
from zExceptions import BadRequest
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent


# Who reads a draft's comments: the secretariat, the lead author, the
# round's participants and its guests by link (local roles on the draft).
READERS = (
    "Manager",
    "Site Administrator",
    "Secretariat",
    "DraftLead",
    "DraftParticipant",
    "DraftGuest",
)


@adapter(IDraftDocument)
class DraftPolicy(CommentPolicy):
    reader_roles = READERS
    fields = (PARAGRAPH, QUOTE, SUGGESTION, DISPOSITION, RESPONSE)
    messages = {
        "closed": _(
            "draft_comments_closed",
            default="Comments on this draft are taken while a round is open.",
        ),
    }

    def is_open(self, at=None):
        if api.content.get_state(self.context, default=None) != "round_open":
            return False
        round = open_round_of(self.context)
        return round is None or round.taking_comments(at)

    @property
    def moderated(self):
        """A round whose comments are seen after its deadline holds them
        back as moderation does; closing the round publishes them."""
        round = open_round_of(self.context)
        return round is not None and round.visibility == AFTER_DEADLINE

    def guest(self):
        return current_guest(self.context)

    def comment_event(self, comment, event):
        if IObjectWillBeAddedEvent.providedBy(event):
            anchor_comment(self.context, comment, event.newParent)
            round = open_round_of(self.context)
            comment.round_number = round.number if round is not None else None
        elif IObjectAddedEvent.providedBy(event):
            index_comment(
                self.context, getattr(comment, "paragraph", None), comment.comment_id
            )
        elif IObjectRemovedEvent.providedBy(event):
            unindex_comment(
                self.context, getattr(comment, "paragraph", None), comment.comment_id
            )


def anchor_comment(draft, comment, conversation):
    """Store the comment's anchor, or refuse it (400, nothing stored). A
    reply is on its parent's paragraph, words and anchor."""
    parent = conversation.get(comment.in_reply_to) if comment.in_reply_to else None
    if parent is not None:
        comment.paragraph = getattr(parent, "paragraph", None)
        comment.quote = getattr(parent, "quote", None)
        comment.anchor = getattr(parent, "anchor", None)
        return
    pid = getattr(comment, "paragraph", None)
    if not pid:
        comment.anchor = None
        return
    try:
        anchor = capture(read_table(draft), pid, getattr(comment, "quote", None))
    except ValueError as error:
        message = error.args[0] if error.args else _("draft_no_such_paragraph")
        raise shown(BadRequest(translate(message, context=getRequest()))) from None
    comment.anchor = anchor.as_dict()
