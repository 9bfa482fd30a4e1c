"""The secretariat's contact directory: contacts, contact groups and
mailings in one folder that is never public."""

from collab.portal import _
from collab.portal.content.ids import reserved_id_message
from plone.dexterity.content import Container
from plone.supermodel import model
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


# The title the site gives the directory (contacts.directory.ensure_directory).
DEFAULT_TITLE = _("Contacts")


class IContactDirectory(model.Schema):
    """Title and description come from plone.dublincore."""


@implementer(IContactDirectory)
class ContactDirectory(Container):
    """Folderish: holds Contacts, ContactGroups and Mailings."""

    def Title(self):
        """One directory serves every language (it sits outside the
        language roots), so while it keeps the title the site gave it, it
        is named in the reader's language: "Contactos" in the Spanish
        heading, breadcrumbs and window title. A title the secretariat
        typed is shown as typed; REST serves the stored ``title``."""
        title = super().Title()
        request = getRequest()
        if request is not None and title == translate(
            DEFAULT_TITLE, target_language="en"
        ):
            return translate(DEFAULT_TITLE, context=request)
        return title

    def checkValidId(self, id):
        """Nothing in the directory may hide its views and services."""
        message = reserved_id_message(self, id)
        if message is not None:
            raise BadRequest(translate(message, context=getRequest()))
