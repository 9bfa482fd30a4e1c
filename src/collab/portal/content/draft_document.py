"""A draft document (a draft resolution, decision or report) that goes
through comment rounds: the lead author's original file, the body people
comment on paragraph by paragraph, and who leads it.

The class and schema only; rounds, guests, paragraph ids and the comment
policy are the feature's (``drafts/``). A draft is not translated: a draft
in another language is another draft, with its own rounds.
"""

from collab.portal import _
from collab.portal.content.contact import IContact
from collab.portal.content.contact_group import is_contact
from collab.portal.content.relations import search_options
from collab.portal.content.window import HTML_ONLY
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


class IDraftDocument(model.Schema):
    lead_author = schema.Choice(
        title=_("Lead author (site user)"),
        description=_(
            "The person who answers the comments and writes the next "
            "version; they may edit the draft between rounds."
        ),
        vocabulary="plone.app.vocabularies.Users",
        required=False,
    )

    lead_author_contact = RelationChoice(
        title=_("Lead author (contact)"),
        description=_("Where the lead author has no account: their contact record."),
        vocabulary="plone.app.vocabularies.Catalog",
        constraint=is_contact,
        required=False,
    )
    directives.widget(
        "lead_author_contact",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("Contact"),
    )

    original = NamedBlobFile(
        title=_("Original file"),
        description=_("The lead author's text as a DOCX or PDF file."),
        required=False,
    )

    text = RichText(
        title=_("Text"),
        description=_("The text people comment on, paragraph by paragraph."),
        required=False,
        allowed_mime_types=HTML_ONLY,
    )


@implementer(IDraftDocument)
class DraftDocument(Item):
    """A draft document; its comment rounds are kept in its annotations."""


def lead_contact(draft):
    """The lead author's contact record, or None."""
    relation = getattr(draft, "lead_author_contact", None)
    target = getattr(relation, "to_object", None)
    return target if IContact.providedBy(target) else None
