"""Per-group moderation.

Comments follow ``collab_comment_workflow``: published at once, as with
Plone's default, so other content keeps its behaviour. In a discussion
group with moderation on, a new comment is recalled to *pending* before the
transaction ends, so no one but its author and the moderators ever sees it.
"""

from Acquisition import aq_parent
from collab.portal.comments.conversation import discussion_group_of
from plone import api


def hold_for_moderation(comment, event):
    group = discussion_group_of(aq_parent(comment))
    if group is None or not group.moderated:
        return
    if api.content.get_state(comment, default=None) != "published":
        return
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(comment, transition="recall")
