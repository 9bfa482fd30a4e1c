"""What the comment engine asks of the content it holds comments for.

The engine (conversations, batches, visibility, flags, search, moderation,
REST) never tests a feature's interfaces: a feature marks its content with
``ICommentHost`` and registers an ``ICommentPolicy`` adapter for it, in
the feature's own ``policy.py``.
"""

from zope.interface import Attribute
from zope.interface import Interface


class ICommentHost(Interface):
    """Content whose comments the engine manages: its REST services,
    viewlet form extensions and catalog counters are registered for this."""


class ICommentPolicy(Interface):
    """The rules of one piece of commented content (adapt the content)."""

    moderated = Attribute("True if new comments wait for a moderator here.")

    def is_open(at=None):
        """Whether new comments (and own edits) are accepted at ``at``
        (default: now)."""

    def conversation_holder():
        """The object whose plone.app.discussion conversation holds the
        comments (translations of one content share one)."""

    def guest():
        """The guest acting in this request, someone without an account
        the feature recognises (by a personal link, say), as a
        ``comments.authors.Guest``; None for members and strangers."""

    def comment_event(comment, event):
        """Called for every event of a comment on this content, after the
        engine's own steps (``comments.subscribers``): added, modified,
        transitioned, removed, and their *will be* events."""

    def etag_parts():
        """What else a reader's list of comments here depends on, beyond
        the engine's (``comments.polling``): a tuple of strings, empty
        where nothing else does (a round's number, say)."""

    reader_roles = Attribute(
        "None where whoever may view the content reads its public comments "
        "(they acquire View), or the roles that alone read them: public "
        "comments then get View from these roles (and the moderators'), not "
        "from the content, so page, REST, search and exports show them to "
        "no one else, whoever may read the content itself."
    )

    fields = Attribute(
        "The extra fields a comment here carries: a sequence of "
        "``comments.fields.CommentField`` (empty where there are none)."
    )

    messages = Attribute(
        "Wording of the engine's refusals in this content's terms: a dict "
        "from ``closed``, ``edit_too_late``, ``delete_too_late``, "
        "``too_frequent`` to a message (with ``${minutes}`` or "
        "``${limit}`` where the default has them); missing keys keep the "
        "engine's neutral wording (``comments.policy.MESSAGES``)."
    )


class ICommentListener(Interface):
    """A feature that reacts to comments on content it does not host (a
    subscription adapter of the comment, e.g. following's mail): called by
    ``comments.subscribers`` after the engine's steps and the policy's
    hook, for the same events. Listeners must not depend on each other's
    order."""

    def comment_event(event):
        """React to ``event`` of the adapted comment."""


# What plone.app.discussion reindexes on the commented content for every
# comment added or removed.
COMMENT_INDEXES = ("total_comments", "last_comment_date", "commentators")
