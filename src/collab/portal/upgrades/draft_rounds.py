"""Upgrade to 1018: a draft's rounds are opened and closed only through
``drafts.rounds`` (``@rounds``, the rounds page, the clock), never by a
bare workflow transition, so a round's record and the draft's state never
disagree. The two transitions get the guard expression the default
profile now ships; their other guard settings and the rest of the
workflow (perhaps changed through the web) stay as they are."""

from plone import api


ROUND_TRANSITIONS = ("open_round", "close_round")
GUARD = (
    "python: request is not None and "
    "bool(request.get('collab.portal.drafts.round_change'))"
)


def guard_round_transitions(context):
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
        "collab_draft_workflow"
    )
    if workflow is None:
        return
    for transition_id in ROUND_TRANSITIONS:
        transition = workflow.transitions.get(transition_id)
        if transition is None:
            continue
        guard = transition.getGuard()
        guard.changeFromProperties(
            {
                "guard_permissions": "; ".join(guard.permissions),
                "guard_roles": "; ".join(guard.roles),
                "guard_groups": "; ".join(guard.groups),
                "guard_expr": GUARD,
            }
        )
        transition.guard = guard
