"""Who may view a comment that is not public, for search and traversal.

``visibility.is_public`` is the one rule of what everyone may read; lists,
pages, REST and mail ask it. Search and traversal ask Zope's ``View``
permission instead, which the comment workflow sets per state: rejected
and spam comments to moderators only, pending ones to moderators and their
author. A reply under a hidden comment is *published*, though, and would
acquire ``View`` from the content. So after every transition the comment and
the replies below it get the roles the rule allows:

- public: the workflow's mapping for its state (acquired from the content),
  or, where the host's policy names its ``reader_roles``, those roles and
  the moderators' alone;
- not public: the roles the workflow gives moderators (those of the
  ``rejected`` state), and Owner while the author may still read it: the
  comment and every hidden one above it are the author's own and waiting
  (pending or published), as ``batching.DiscussionReader`` lets the author
  read it in the list.

The catalog's ``allowedRolesAndUsers`` follows, so ``@search`` and
``@@search`` find no more than the list shows.
"""

from Acquisition import aq_parent
from collab.portal.comments.authors import author_key
from collab.portal.comments.conversation import forget_spurious_write
from collab.portal.comments.conversation import policy_of
from collab.portal.comments.storage import holds
from collab.portal.comments.storage import thread_children
from collab.portal.comments.visibility import is_public
from plone import api
from Products.DCWorkflow.utils import modifyRolesForPermission


GUARDED = ("View", "Access contents information")
WAITING = ("pending", "published")
# The state whose View roles are the moderators' alone.
MODERATORS_ONLY = "rejected"


def readable_by_author(comment):
    """Whether the author of a hidden comment still reads it in the list."""
    author = author_key(comment)
    conversation = comment.__parent__
    while comment is not None and not is_public(comment):
        state = api.content.get_state(comment, default=None)
        if not author or author_key(comment) != author or state not in WAITING:
            return False
        parent_id = comment.in_reply_to
        comment = conversation.get(parent_id) if parent_id else None
    return True


def moderator_roles(workflow):
    state = workflow.states.get(MODERATORS_ONLY)
    roles = state.getPermissionInfo("View").get("roles") if state else None
    return list(roles or ("Manager", "Site Administrator", "Reviewer"))


def reader_roles_of(comment):
    """The host policy's ``reader_roles`` (None: the content's readers)."""
    conversation = aq_parent(comment) or comment.__parent__
    return getattr(policy_of(conversation), "reader_roles", None)


def secure(comment):
    """Give ``comment`` the View roles the rule allows; True if they
    changed from the workflow's mapping."""
    workflows = api.portal.get_tool("portal_workflow").getWorkflowsFor(comment)
    for workflow in workflows:
        workflow.updateRoleMappingsFor(comment)
    if not workflows:
        return False
    if is_public(comment):
        readers = reader_roles_of(comment)
        if not readers:
            return False  # the content's readers, as the workflow says
        roles = sorted(set(readers) | set(moderator_roles(workflows[0])))
    else:
        state = api.content.get_state(comment, default=None)
        if state not in WAITING:
            return False  # rejected, spam: moderators only, by the workflow
        roles = moderator_roles(workflows[0])
        if readable_by_author(comment):
            roles.append("Owner")
    for permission in GUARDED:
        # A tuple: not acquired (DCWorkflow's own way of setting them).
        modifyRolesForPermission(comment, permission, tuple(roles))
    # manage_permission touches the conversation as a transition does.
    forget_spurious_write(comment, None)
    return True


def thread_below(comment):
    """``comment`` and every reply below it, wrapped as ``comment`` is (the
    catalog needs the acquisition chain)."""
    conversation = aq_parent(comment) or comment.__parent__
    children = thread_children(conversation)
    stack = [comment.comment_id]
    while stack:
        cid = stack.pop()
        found = conversation.get(cid)
        if found is not None:
            yield found
            stack.extend(children.get(cid, ()))


def secure_thread(comment):
    for item in thread_below(comment):
        secure(item)
        item.reindexObject(idxs=["allowedRolesAndUsers"])


def comment_transitioned(comment, event):
    """A hidden or shown comment hides or shows the replies below it."""
    conversation = aq_parent(comment)
    if not holds(conversation, comment):
        return
    secure_thread(comment)


def comment_added(comment, event):
    """A reply under a hidden comment is hidden from the start; where the
    policy names the readers, a public comment is theirs from the start."""
    if is_public(comment) and not reader_roles_of(comment):
        return
    if secure(comment):
        comment.reindexObject(idxs=["allowedRolesAndUsers"])
