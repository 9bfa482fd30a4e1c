"""Which comment a reply may answer: one the author may read.

plone.app.discussion stores a reply under any comment id it is given, and
fails on an id the conversation does not have. A member who could answer a
pending, flag-hidden or rejected comment (or one under it) would learn that
it exists; so a comment the reader may not read (``DiscussionReader``, the
rule of pages and REST) is answered as one that does not exist, on every
channel: the page's comment form, ``POST @comments`` with ``in_reply_to``
and ``POST @comments/<id>``.
"""

from collab.portal import _
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.errors import shown
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from z3c.form import validator
from zExceptions import NotFound
from zope.globalrequest import getRequest
from zope.i18n import translate


NO_SUCH_COMMENT = _("There is no such comment.")


def readable_comment(content, comment_id):
    """``content``'s comment ``comment_id`` if the current user may read it;
    None for an id that is not a comment's, or one they may not read."""
    if isinstance(comment_id, bool):
        return None
    try:
        cid = int(comment_id)
    except (TypeError, ValueError, OverflowError):
        return None
    conversation = IConversation(content)
    comment = conversation.get(cid)
    if comment is None:
        return None
    if not DiscussionReader(conversation, content).may_read(cid):
        return None
    return comment


def no_such_comment(request=None):
    """The 404 of an unknown comment, for pages and REST alike."""
    request = request if request is not None else getRequest()
    return shown(NotFound(translate(NO_SUCH_COMMENT, context=request)))


class ReadableParent(validator.SimpleFieldValidator):
    """The comment form's ``in_reply_to`` on engine-managed content: a reply to
    a comment that is gone (deleted while the form was open) or unreadable
    gets the 404 of a comment that does not exist, before anything is
    stored (plone.app.discussion would fail with a 500)."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value and readable_comment(self.context, value) is None:
            raise no_such_comment(self.request)


validator.WidgetValidatorDiscriminators(
    ReadableParent, context=ICommentHost, field=IComment["in_reply_to"]
)
