"""The secretariat's contact directory: contacts, contact groups and
mailings in one folder that is never public."""

from collab.portal.content.ids import reserved_id_message
from plone.dexterity.content import Container
from plone.supermodel import model
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


class IContactDirectory(model.Schema):
    """Title and description come from plone.dublincore."""


@implementer(IContactDirectory)
class ContactDirectory(Container):
    """Folderish: holds Contacts, ContactGroups and Mailings."""

    def checkValidId(self, id):
        """Nothing in the directory may hide its views and services."""
        message = reserved_id_message(self, id)
        if message is not None:
            raise BadRequest(translate(message, context=getRequest()))
