"""A group of contacts (a working group, the focal points, observers, …)
with its own address list; its linked Plone group lets sharing and
workflows give the group's members access anywhere."""

from collab.portal import _
from collab.portal.content.relations import search_options
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


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
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )

    directives.omitted("member_roles")
    member_roles = schema.Dict(
        title=_("Roles in the group"),
        description=_("A member's role in the group (chair, vice-chair, …) by UID."),
        key_type=schema.ASCIILine(),
        value_type=schema.TextLine(max_length=100),
        required=False,
        default={},
    )


@implementer(IContactGroup)
class ContactGroup(Item):
    """Not folderish: its members are relations to contacts."""
