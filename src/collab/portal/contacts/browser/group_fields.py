"""The title and summary of a contact group on its add and edit forms.

They are plone.basic's fields, shared by every type; a subscriber
(``content.contact_group.refuse_control_characters``) refuses control
characters on every channel, and these validators make the forms show
the same message beside the field, with what was typed kept, instead of
an error page."""

from collab.portal.content.contact import control_character_message
from collab.portal.content.contact_directory import IContactDirectory
from collab.portal.content.contact_group import IContactGroup
from plone.app.dexterity.behaviors.metadata import IBasic
from z3c.form import validator
from zope.interface import Invalid


def _is_group_form(context, view):
    return IContactGroup.providedBy(context) or (
        IContactDirectory.providedBy(context)
        and getattr(view, "portal_type", None) == "ContactGroup"
    )


class GroupTitleValidator(validator.SimpleFieldValidator):
    multiline = False

    def validate(self, value, force=False):
        super().validate(value, force)
        if _is_group_form(self.context, self.view):
            message = control_character_message(value, multiline=self.multiline)
            if message is not None:
                raise Invalid(message)


class GroupDescriptionValidator(GroupTitleValidator):
    multiline = True


# One class per registration: the discriminators are set on the class.
class NewGroupTitleValidator(GroupTitleValidator):
    """The add form, in the directory."""


class NewGroupDescriptionValidator(GroupDescriptionValidator):
    """The add form, in the directory."""


for _class, _context, _field in (
    (GroupTitleValidator, IContactGroup, IBasic["title"]),
    (GroupDescriptionValidator, IContactGroup, IBasic["description"]),
    (NewGroupTitleValidator, IContactDirectory, IBasic["title"]),
    (NewGroupDescriptionValidator, IContactDirectory, IBasic["description"]),
):
    validator.WidgetValidatorDiscriminators(_class, context=_context, field=_field)
