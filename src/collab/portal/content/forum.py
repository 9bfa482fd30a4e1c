"""An online forum: a page with purpose, schedule and outcomes that holds
the discussion groups where members talk."""

from collab.portal import _
from collab.portal.content.ids import reserved_id_message
from collab.portal.content.window import HTML_ONLY
from collab.portal.content.window import IWindow
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from zExceptions import BadRequest
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


class IForum(IWindow):
    purpose = RichText(
        title=_("Purpose and scope"),
        description=_("Why the forum is held and what it covers."),
        required=False,
        allowed_mime_types=HTML_ONLY,
    )

    expected_outcomes = RichText(
        title=_("Expected outcomes"),
        required=False,
        allowed_mime_types=HTML_ONLY,
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

    def checkValidId(self, id):
        """The hook Plone's ``check_id`` asks (name chooser, rename and
        short-name forms): nothing in a forum may hide its views."""
        message = reserved_id_message(self, id)
        if message is not None:
            raise BadRequest(translate(message, context=getRequest()))
