"""What ``@follow`` answers: the member's following of one forum or group."""

from AccessControl import Unauthorized
from collab.portal.clock import as_utc
from collab.portal.following.followers import followable_parent
from collab.portal.following.followers import following
from plone import api


def check_view(context):
    """The service's permission is acquired from the site; following what
    one may not read is refused as plone.restapi refuses reading it."""
    if not api.user.has_permission("View", obj=context):
        raise Unauthorized()


def follow_state(context, userid):
    record = following(context, userid)
    state = {
        "@id": f"{context.absolute_url()}/@follow",
        "following": record is not None,
        "mode": record.mode if record is not None else None,
        "since": (
            as_utc(record.since).strftime("%Y-%m-%dT%H:%M:%SZ")
            if record is not None
            else None
        ),
    }
    parent = followable_parent(context)
    if parent is not None:
        # Following the forum is following its groups too.
        state["through_forum"] = following(parent, userid) is not None
    return state
