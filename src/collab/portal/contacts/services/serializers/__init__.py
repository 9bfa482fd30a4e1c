"""Contacts and mailings on REST with their ``title``.

Their title is derived (a contact's names, a mailing's subject), not a
schema field, so plone.restapi's Dexterity serializer, which writes the
schema's fields, would leave out the one key every client reads first.
"""

from collab.portal.content.contact import IContact
from collab.portal.content.mailing import IMailing
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ISerializeToJson)
@adapter(IContact, Interface)
class SerializeContactToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result["title"] = self.context.Title()
        return result


@implementer(ISerializeToJson)
@adapter(IMailing, Interface)
class SerializeMailingToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result["title"] = self.context.Title()
        return result
