"""A time-boxed discussion group of a forum, with guiding questions."""

from collab.portal import _
from collab.portal.content.window import HTML_ONLY
from collab.portal.content.window import IWindow
from plone.app.multilingual.dx import directives as multilingual
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from zope import schema
from zope.interface import implementer


class IDiscussionGroup(IWindow):
    introduction = RichText(
        title=_("Introduction"), required=False, allowed_mime_types=HTML_ONLY
    )

    guiding_questions = schema.List(
        title=_("Guiding questions"),
        description=_(
            "One question per line, in the order they are discussed. A "
            "comment may name the question it answers by its number."
        ),
        value_type=schema.TextLine(max_length=500),
        required=False,
        default=[],
        max_length=30,
    )

    schedule_remarks = schema.Text(
        title=_("Schedule remarks"),
        description=_("Shown in the forum's schedule table."),
        required=False,
        max_length=1000,
    )

    moderated = schema.Bool(
        title=_("Moderated"),
        description=_("Comments wait for a moderator before others see them."),
        required=False,
        default=False,
    )
    multilingual.languageindependent("moderated")


# What plone.app.discussion reindexes on the commented content for every
# comment added or removed. content/ sits below the comment engine and does
# not import it (.importlinter), so the engine's COMMENT_INDEXES is named
# again here; tests/setup/test_imports.py keeps the two equal.
COMMENT_INDEXES = ("total_comments", "last_comment_date", "commentators")


@implementer(IDiscussionGroup)
class DiscussionGroup(Item):
    """Comments live in its plone.app.discussion conversation."""

    def reindexObject(self, idxs=[], *args, **kwargs):  # noqa: B006 - CMFCore's
        """Leave the catalog's comment counters to the clock.

        plone.app.discussion reindexes them on the group with every comment,
        rewriting the group's one catalog record: members posting at the
        same time then all conflict on it, and some would see errors. Pages,
        REST and statistics read the live counters (``CommentStats``);
        ``forum.tasks`` brings the catalog's copy up to date each
        minute, and any other reindex of the group includes them.
        """
        if tuple(idxs) == COMMENT_INDEXES:
            return
        super().reindexObject(idxs, *args, **kwargs)

    def question(self, number):
        """The guiding question numbered from 1, or None."""
        questions = self.guiding_questions or []
        if isinstance(number, int) and 1 <= number <= len(questions):
            return questions[number - 1]
        return None
