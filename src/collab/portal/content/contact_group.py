"""A group of contacts (a working group, the focal points, observers, …)
with its own address list; its linked Plone group lets sharing and
workflows give the group's members access anywhere."""

from collab.portal import _
from collab.portal.content.contact import control_character_message
from collab.portal.content.contact import one_line
from collab.portal.content.relations import search_options
from collab.portal.errors import shown
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zExceptions import BadRequest
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import ValidationError


class NotAContact(ValidationError):
    __doc__ = _(
        "group_member_not_contact",
        default="Only contacts can be members of a group.",
    )


def is_contact(value):
    """Constraint of a member: forms and REST validate the contact itself,
    scripts may hand a relation. Anything else (a document, a mailing, the
    group itself) is refused, on every channel, before it is stored."""
    target = getattr(value, "to_object", value)
    if getattr(target, "portal_type", None) != "Contact":
        raise NotAContact(value)
    return True


def are_contacts(values):
    """Constraint of the list: checked before its items, so a form shows
    this message rather than zope.schema's "Wrong contained type"."""
    return all(is_contact(value) for value in values or ())


class IMemberField(Interface):
    """Marks the members' RelationChoice: REST checks what it is sent."""


class IMemberRolesField(Interface):
    """Marks ``member_roles``: REST checks it is an object."""


@implementer(IMemberField)
class MemberChoice(RelationChoice):
    """One member of a contact group."""


@implementer(IMemberRolesField)
class MemberRoles(schema.Dict):
    """A member's role in the group by UID."""


class IContactGroup(model.Schema):
    kind = schema.Choice(
        title=_("Kind"),
        vocabulary="collab.portal.ContactGroupKinds",
        default="working_group",
    )

    directives.widget(
        "members",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("Contact"),
    )
    members = RelationList(
        title=_("Members"),
        value_type=MemberChoice(
            vocabulary="plone.app.vocabularies.Catalog", constraint=is_contact
        ),
        required=False,
        default=[],
        constraint=are_contacts,
    )

    directives.omitted("member_roles")
    member_roles = MemberRoles(
        title=_("Roles in the group"),
        description=_("A member's role in the group (chair, vice-chair, …) by UID."),
        key_type=schema.ASCIILine(),
        value_type=schema.TextLine(max_length=100, constraint=one_line),
        required=False,
        default={},
    )


@implementer(IContactGroup)
class ContactGroup(Item):
    """Not folderish: its members are relations to contacts."""


def refuse_control_characters(group, event):
    """Subscriber (group added or modified): the title and summary come
    from plone.basic, whose title refuses only CR and LF; a vertical tab
    pasted from Word reached the linked Plone group and every page. The
    contacts' rule applies, on every channel (forms, REST, scripts)."""
    message = control_character_message(
        getattr(group, "title", None)
    ) or control_character_message(getattr(group, "description", None), multiline=True)
    if message is not None:
        raise shown(BadRequest(translate(message, context=getRequest())))
