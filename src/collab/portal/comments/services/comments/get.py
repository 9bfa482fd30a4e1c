"""``GET <content>/@comments[/<id>]``: plone.restapi's service, with one
comment answered only to a reader who may read it in the list.

plone.restapi serves any comment of the conversation by id, whatever its
state: pending, flag-hidden, rejected and spam comments (and replies under
them) would be one URL away from anyone who may view the content. Here the
list's rule (``comments.batching.DiscussionReader``: moderators read all,
others the public comments and their own waiting ones) decides, and a
comment the reader may not read is answered as one that does not exist.
"""

from collab.portal import _
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.polling import comments_etag
from collab.portal.comments.services.comments.add import KnownComment
from collab.portal.conditional import not_modified
from collab.portal.errors import shown
from plone.app.discussion.interfaces import IConversation
from plone.restapi.services.discussion.conversation import CommentsGet
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate


# Batch parameters and the smallest value each may have.
BATCH_MINIMUM = {"b_size": 1, "b_start": 0}


def checked_batch(request):
    """plone.batching fails with a 500 on a negative size or start; a
    client gets a translated 400 that says what is allowed."""
    for name, minimum in BATCH_MINIMUM.items():
        value = request.form.get(name)
        if value is None:
            continue
        try:
            good = int(value) >= minimum
        except (TypeError, ValueError):
            good = False
        if not good:
            raise BadRequest(
                translate(
                    _(
                        "batch_parameter_invalid",
                        default="${name} must be a whole number of at least "
                        "${minimum}.",
                        mapping={"name": name, "minimum": minimum},
                    ),
                    context=request,
                )
            )


class ReadableCommentsGet(KnownComment, CommentsGet):
    def reply(self):
        if not self.comment_id:
            checked_batch(self.request)
            if not_modified(self.request, comments_etag(self.context, self.request)):
                return self.reply_no_content(status=304)
            return super().reply()
        conversation = IConversation(self.context)
        reader = DiscussionReader(conversation, self.context)
        if not reader.may_read(self.comment_id):
            raise shown(
                NotFound(
                    translate(_("There is no such comment."), context=self.request)
                )
            )
        return super().reply()
