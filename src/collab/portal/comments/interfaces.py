"""What the comment engine asks of the content it holds comments for.

The engine (conversations, batches, visibility, flags, search, moderation,
REST) never tests a feature's interfaces: a feature marks its content with
``ICommentHost`` and registers an ``ICommentPolicy`` adapter for it (the
forum's discussion groups in ``forum/policy.py``; a draft's paragraphs can
plug in the same way).
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

    def questions():
        """The numbered questions a comment may say it answers: a list of
        texts, first is number 1 (empty where there are none)."""

    def question(number):
        """The text of question ``number``, or None."""


# What plone.app.discussion reindexes on the commented content for every
# comment added or removed.
COMMENT_INDEXES = ("total_comments", "last_comment_date", "commentators")
