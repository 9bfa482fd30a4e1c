"""plone.restapi's comment serializers, for the users this portal has.

A conversation lists only the comments the reader may see (pending and
flagged ones stay with their author and the moderators), and each comment
says which guiding question it answers and in which language it was
written.
"""

from AccessControl import getSecurityManager
from collab.portal.interfaces import IBrowserLayer
from collab.portal.vocabularies.countries import country_name
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import CommentSerializer
from plone.restapi.serializer.discussion import ConversationSerializer
from plone.restapi.services.discussion.utils import can_reply
from plone.restapi.services.discussion.utils import can_view
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


def visible_threads(conversation):
    check = getSecurityManager().checkPermission
    hidden = set()
    for thread in conversation.getThreads():
        comment = thread["comment"]
        # A reply to a hidden comment is hidden with it.
        if comment.in_reply_to in hidden or not check("View", comment):
            hidden.add(comment.comment_id)
            continue
        yield thread


@implementer(ISerializeToJson)
@adapter(IConversation, IBrowserLayer)
class VisibleConversationSerializer(ConversationSerializer):
    def __call__(self):
        view_comments = can_view(self.context)
        threads = list(visible_threads(self.context)) if view_comments else []
        batch = HypermediaBatch(self.request, threads)
        results = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": can_reply(self.context),
            },
            "items": [
                getMultiAdapter((thread["comment"], self.request), ISerializeToJson)()
                for thread in batch
            ],
        }
        if batch.links:
            results["batching"] = batch.links
        return results


@implementer(ISerializeToJson)
@adapter(IComment, IBrowserLayer)
class GroupCommentSerializer(CommentSerializer):
    def __call__(self, include_items=True):
        data = super().__call__(include_items=include_items)
        # Always the transformed text (Plone's safe HTML, plain text
        # escaped), never raw input a client might render as HTML.
        data["text"] = {"data": self.context.getText(), "mime-type": "text/html"}
        number = getattr(self.context, "guiding_question", None)
        group = self.context.__parent__.__parent__
        question = getattr(group, "question", None)
        data["guiding_question"] = number
        data["guiding_question_text"] = question(number) if question else None
        data["language"] = getattr(self.context, "language", None)
        data.update(author_details(self.context.author_username))
        return data


def author_details(userid):
    """Organisation and country of a member, for the name in a discussion."""
    member = api.user.get(userid=userid) if userid else None
    country = member.getProperty("country", "") if member else ""
    return {
        "author_organisation": (
            member.getProperty("organisation", "") if member else ""
        )
        or None,
        "author_country": country or None,
        "author_country_name": country_name(country) or None,
    }
