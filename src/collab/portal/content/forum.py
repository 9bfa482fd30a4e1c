"""An online forum: a page with purpose, schedule and outcomes that holds
the discussion groups where members talk."""

from collab.portal import _
from collab.portal.content.window import IWindow
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from zope import schema
from zope.interface import implementer


class IForum(IWindow):
    purpose = RichText(
        title=_("Purpose and scope"),
        description=_("Why the forum is held and what it covers."),
        required=False,
    )

    expected_outcomes = RichText(
        title=_("Expected outcomes"),
        required=False,
    )

    participation_note = schema.Text(
        title=_("Participation note"),
        description=_("Who may take part and how to sign up."),
        required=False,
        max_length=2000,
    )


@implementer(IForum)
class Forum(Container):
    """Folderish: holds DiscussionGroups, pages and files."""
