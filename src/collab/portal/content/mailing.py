"""An e-mail mailing to contact groups and single contacts, written in
up to three languages; attachments are the File items it contains."""

from collab.portal import _
from collab.portal.content.relations import search_options
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


PLACEHOLDERS = (
    "salutation",
    "given_name",
    "family_name",
    "organisation",
    "country",
    "update_link",
)


class IMailing(model.Schema):
    subject = schema.TextLine(title=_("Subject (English)"), max_length=200)
    body = schema.Text(
        title=_("Message (English)"),
        description=_(
            "Plain text. Placeholders: {salutation}, {given_name}, "
            "{family_name}, {organisation}, {country}, {update_link}."
        ),
        max_length=50000,
    )

    model.fieldset(
        "translations",
        label=_("Translations"),
        fields=["subject_es", "body_es", "subject_fr", "body_fr"],
    )
    subject_es = schema.TextLine(
        title=_("Subject (Spanish)"), required=False, max_length=200
    )
    body_es = schema.Text(
        title=_("Message (Spanish)"), required=False, max_length=50000
    )
    subject_fr = schema.TextLine(
        title=_("Subject (French)"), required=False, max_length=200
    )
    body_fr = schema.Text(title=_("Message (French)"), required=False, max_length=50000)

    directives.widget(
        "recipient_groups",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("ContactGroup"),
    )
    recipient_groups = RelationList(
        title=_("Contact groups"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    directives.widget(
        "recipient_contacts",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=search_options("Contact"),
    )
    recipient_contacts = RelationList(
        title=_("Single contacts"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )
    send_at = schema.Datetime(
        title=_("Send at"),
        description=_("Leave empty to send when you press Send."),
        required=False,
    )


@implementer(IMailing)
class Mailing(Container):
    """Folderish: its attachments are the Files it holds. The title is the
    English subject."""

    @property
    def title(self):
        # ``__dict__`` of a ghost is empty (reading it does not load the
        # object): load first, as ``Contact._stored`` does.
        self._p_activate()
        return self.__dict__.get("subject") or ""

    @title.setter
    def title(self, value):
        """The subject decides the title."""

    # The schema's ``subject`` is the mail's subject line, which shares its
    # attribute with Dublin Core's keywords: without these two, the
    # constructor (``api.content.create(..., subject=...)``) stored it as a
    # one-item tuple, and the catalog listed it among the site's tags.
    def setSubject(self, subject):
        if isinstance(subject, list | tuple):
            subject = subject[0] if subject else ""
        self.subject = subject

    def Subject(self):
        return ()
