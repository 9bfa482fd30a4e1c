"""Fixtures of the draft type's tests: the people of a draft (the
secretariat, a lead author, an invited participant, a member outside the
round) and a draft in ``/en``."""

from plone import api
from portal_helpers import create_role_users
from portal_helpers import make_user
import transaction


SECRETARIAT = "secretariat"
LEAD = "lead"
PARTICIPANT = "participant"
OUTSIDER = "member"


def draft_people(portal):
    create_role_users(portal)
    make_user(SECRETARIAT, ("Member", "Secretariat"))
    make_user(LEAD)
    make_user(PARTICIPANT)


def make_draft(portal, id="resolution", **fields):
    """A DraftDocument in ``/en`` led by ``LEAD``; ``PARTICIPANT`` holds
    the local role its rounds will give (not committed)."""
    with api.env.adopt_user(username=SECRETARIAT):
        draft = api.content.create(
            container=portal["en"],
            type="DraftDocument",
            id=id,
            title="Draft resolution on capacity building",
            lead_author=LEAD,
            **fields,
        )
    draft.manage_setLocalRoles(PARTICIPANT, ["DraftParticipant"])
    draft.reindexObjectSecurity()
    return draft


def move_to(draft, state):
    """Walk the draft's workflow to ``state`` as the secretariat."""
    path = {
        "draft": (),
        "round_open": ("open_round",),
        "incorporating": ("open_round", "close_round"),
        "final": ("open_round", "close_round", "finalise"),
    }[state]
    with api.env.adopt_user(username=SECRETARIAT):
        for transition in path:
            api.content.transition(draft, transition)
    transaction.commit()
