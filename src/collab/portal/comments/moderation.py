"""Which comments wait for a moderator, and saying so where they do.

Comments follow ``collab_comment_workflow``: published at once, as with
Plone's default, so other content keeps its behaviour. A new comment is
recalled to *pending* before the transaction ends, so no one but its author
and the moderators ever sees it, where moderation applies: on content
whose policy says so (``ICommentPolicy.moderated``), and on the
whole site when Plone's discussion control panel switches moderation on.

That switch, and the Types control panel, would bind Plone's own comment
workflows, which lack the transition flags and REST moderation use
(``recall``); the subscribers below keep the add-on's workflow bound and
turn the choice into the switch's meaning.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.interfaces import ICommentPolicy
from plone import api
from plone.app.discussion.interfaces import IDiscussionSettings


WORKFLOW = "collab_comment_workflow"
PLONE_WORKFLOWS = ("comment_one_state_workflow", "comment_review_workflow")
SWITCH = f"{IDiscussionSettings.__identifier__}.moderation_enabled"


def site_moderation_is_on():
    return bool(api.portal.get_registry_record(SWITCH, default=False))


def moderation_applies(policy):
    """Whether new comments under ``policy`` (None: content the engine
    does not manage) wait for a moderator under the add-on's workflow."""
    if site_moderation_is_on():
        return True
    return policy is not None and bool(policy.moderated)


def comments_are_moderated(context):
    """Whether a member's new comment on ``context`` will wait for a
    moderator: what the comment form's "Comments are moderated." promises."""
    wtool = api.portal.get_tool("portal_workflow")
    chain = wtool.getChainForPortalType("Discussion Item")
    workflow = wtool.getWorkflowById(chain[0]) if chain else None
    if workflow is None:
        return False
    if workflow.initial_state == "pending":
        return True  # a review workflow such as Plone's own
    if workflow.getId() != WORKFLOW:
        return False
    hosted = ICommentHost.providedBy(aq_base(context))
    return moderation_applies(ICommentPolicy(context) if hosted else None)


def hold_for_moderation(comment, event):
    if not moderation_applies(policy_of(aq_parent(comment))):
        return
    if api.content.get_state(comment, default=None) != "published":
        return
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(comment, transition="recall")


def keep_workflow(event):
    """After plone.app.discussion's own subscriber has bound one of its
    workflows for the moderation switch, bind the add-on's again (it is
    registered after that subscriber, so it runs after it)."""
    record = getattr(event, "record", None)
    if record is not None and record.__name__ == SWITCH:
        _bind_own_workflow()


def keep_workflow_chosen_in_types_panel(event):
    """Choosing one of Plone's comment workflows in the Types control
    panel means "moderate" or "do not moderate": the switch says so and
    the add-on's workflow stays bound."""
    if "workflow" not in (getattr(event, "data", None) or {}):
        return
    chosen = _bind_own_workflow()
    if chosen is not None:
        moderate = chosen == "comment_review_workflow"
        if site_moderation_is_on() != moderate:
            api.portal.set_registry_record(SWITCH, moderate)


def _bind_own_workflow():
    """Bind the add-on's comment workflow where one of Plone's is bound;
    return the one it replaced, if any."""
    wtool = api.portal.get_tool("portal_workflow")
    if WORKFLOW not in wtool.objectIds():
        return None  # the add-on is being uninstalled
    chain = wtool.getChainForPortalType("Discussion Item")
    if len(chain) == 1 and chain[0] in PLONE_WORKFLOWS:
        wtool.setChainForPortalTypes(("Discussion Item",), WORKFLOW)
        return chain[0]
    return None
