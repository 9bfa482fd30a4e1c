"""plone.restapi's comment serializers, for the users this portal has.

A conversation lists only the comments the reader may see (pending and
flagged ones stay with their author and the moderators), and each comment
carries its policy's fields (``comments.fields``) and the language it was
written in.
"""

from collab.portal.comments.authors import author_details
from collab.portal.comments.batching import DiscussionReader
from collab.portal.comments.batching import requested_order
from collab.portal.comments.conversation import host_of
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.fields import requested_filters
from collab.portal.comments.fields import stored
from collab.portal.comments.flags import flag_history_json
from collab.portal.comments.rendering import comment_html
from collab.portal.interfaces import IBrowserLayer
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import CommentSerializer
from plone.restapi.serializer.discussion import ConversationSerializer
from plone.restapi.services.discussion.utils import can_reply
from plone.restapi.services.discussion.utils import can_review
from plone.restapi.services.discussion.utils import can_view
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IConversation, IBrowserLayer)
class VisibleConversationSerializer(ConversationSerializer):
    """A batch of the comments the reader may see, found through the
    conversation's counters rather than by reading every comment.

    ``order=newest`` lists the newest threads first; the batch counts
    comments, replies included, as plone.restapi's does.
    """

    def __call__(self):
        view_comments = can_view(self.context)
        reader = DiscussionReader(self.context, self.context)
        host = host_of(self.context)
        if host is not None:
            for ids in requested_filters(host, self.request.form):
                reader.restrict(ids)
        total = reader.count() if view_comments else 0
        # HypermediaBatch works out b_start, b_size and the links from
        # positions alone; the comments for those positions come from the
        # reader, so only they are loaded.
        batch = HypermediaBatch(self.request, range(total))
        order = requested_order(self.request)
        page = reader.comments_page(order, batch.b_start, batch.b_size) if total else []
        results = {
            "@id": batch.canonical_url,
            "items_total": total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": can_reply(self.context),
            },
            "items": [
                getMultiAdapter((entry["comment"], self.request), ISerializeToJson)()
                for entry in page
            ],
        }
        if batch.links:
            results["batching"] = batch.links
        return results


@implementer(ISerializeToJson)
@adapter(IComment, IBrowserLayer)
class HostCommentSerializer(CommentSerializer):
    """plone.restapi's comment, plus what comments on engine-managed
    content carry.

    ``text`` stays exactly plone.restapi's (a plain-text comment's own
    text, ``text/plain``), so a client that reads it and sends it back, as
    every edit form does, stores what was there. Clients that render a
    host's comments read ``text_html``: Plone's transformed, escaped HTML.
    Comments on other content are plone.restapi's alone.
    """

    def __call__(self, include_items=True):
        data = super().__call__(include_items=include_items)
        policy = policy_of(self.context.__parent__)
        if policy is None:
            return data
        data["text_html"] = comment_html(self.context)
        host = host_of(self.context.__parent__)
        for field in policy.fields:
            data.update(field.serialize(host, stored(self.context, field)))
        data["language"] = getattr(self.context, "language", None)
        # Moderators see waiting comments among the others: say which.
        data["review_state"] = api.content.get_state(self.context, default=None)
        data.update(author_details(self.context))
        if can_review(self.context):
            # Moderators see who flagged when, and past decisions.
            data["flag_history"] = flag_history_json(self.context)
        return data
