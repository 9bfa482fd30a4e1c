"""Members flag abusive comments; enough flags hide a comment until a
moderator publishes or rejects it.

Flags live on the comment itself (who flagged), so flagging one comment
never conflicts with flagging another.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOTreeSet
from plone import api


FLAGS = "_collab_portal_flags"


class AlreadyFlagged(Exception):
    """This member flagged this comment before."""


class OwnComment(Exception):
    """Members do not flag their own comments."""


def flaggers(comment):
    return getattr(aq_base(comment), FLAGS, None) or ()


def flag(comment, userid):
    """Record the flag; hide the comment once the threshold is reached.
    Returns (number of flags, whether the comment is now hidden)."""
    if userid == comment.author_username:
        raise OwnComment()
    base = aq_base(comment)
    flagged = getattr(base, FLAGS, None)
    if flagged is None:
        flagged = OOTreeSet()
        setattr(base, FLAGS, flagged)
    if userid in flagged:
        raise AlreadyFlagged()
    flagged.add(userid)
    threshold = api.portal.get_registry_record("collab.portal.flags_to_hide", default=3)
    hidden = False
    if len(flagged) >= threshold and api.content.get_state(comment) == "published":
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(comment, transition="recall")
        hidden = True
    return len(flagged), hidden
