"""Contact and group fields as REST clients send them, checked for shape.

plone.restapi's Dict deserializer calls ``.items()`` on whatever it gets,
its RelationChoice deserializer reads ``value["@id"]`` of any object, and
its Choice deserializer looks a list up in the vocabulary:
``{"member_roles": []}``, ``{"members": [{}]}`` or ``{"country": []}``
answered 500. A ValueError here becomes plone.restapi's 400 with this
message; the field's own validation (contacts only, one-line roles, a
vocabulary's values) runs after.
"""

from collab.portal import _
from collab.portal.content.contact import IContact
from collab.portal.content.contact_group import IContactGroup
from collab.portal.content.contact_group import IMemberField
from collab.portal.content.contact_group import IMemberRolesField
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import DictFieldDeserializer
from plone.restapi.deserializer.relationfield import RelationChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IChoice


BAD_ROLES = _(
    "group_member_roles_shape",
    default="member_roles is an object of contact UIDs and one-line roles.",
)
BAD_CHOICE = _("choice_unknown", default="Choose one of the values offered.")
BAD_MEMBER = _(
    "group_member_shape",
    default="Name each member by its UID, path, URL or intid.",
)


@implementer(IFieldDeserializer)
@adapter(IMemberRolesField, IDexterityContent, IBrowserRequest)
class MemberRolesDeserializer(DictFieldDeserializer):
    def __call__(self, value):
        if not isinstance(value, dict) or not all(
            isinstance(role, (str, type(None))) for role in value.values()
        ):
            raise ValueError(translate(BAD_ROLES, context=self.request))
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IMemberField, IDexterityContent, IBrowserRequest)
class MemberDeserializer(RelationChoiceFieldDeserializer):
    def __call__(self, value):
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not value:
            raise ValueError(translate(BAD_MEMBER, context=self.request))
        return super().__call__(value)


class ChoiceDeserializer(ChoiceFieldDeserializer):
    """A choice is sent as text (or null), or as the ``{"token": …}``
    object plone.restapi's serializer writes."""

    def __call__(self, value):
        token = value.get("token") if isinstance(value, dict) else value
        if not isinstance(token, str) and (token is not None or value is not None):
            raise ValueError(translate(BAD_CHOICE, context=self.request))
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IChoice, IContact, IBrowserRequest)
class ContactChoiceDeserializer(ChoiceDeserializer):
    """Country, position, preferred language."""


@implementer(IFieldDeserializer)
@adapter(IChoice, IContactGroup, IBrowserRequest)
class GroupChoiceDeserializer(ChoiceDeserializer):
    """The group's kind."""
