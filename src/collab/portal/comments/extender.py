"""The policy's extra fields on the comment form.

plone.app.discussion's CommentForm stores every field of the form on the
comment, and plone.restapi's ``POST @comments`` fills in that same form, so
one form extender serves the page and REST alike.
"""

from collab.portal.comments.fields import author_fields
from collab.portal.comments.fields import field_named
from collab.portal.comments.fields import ICommentFormField
from plone.z3cform.fieldsets import extensible
from z3c.form import validator
from z3c.form.field import Fields
from zope.interface import Invalid


class PolicyFieldsExtender(extensible.FormExtender):
    """Registered for content the engine manages (``ICommentHost``): the
    fields its policy lists that apply now and that authors write, before
    the text."""

    def update(self):
        for field in author_fields(self.context):
            if field.applies(self.context):
                self.add(Fields(field.form_field), prefix="")
                self.move(field.name, before="text", prefix="")


class KnownValue(validator.SimpleFieldValidator):
    """z3c.form's select widget drops a token it does not know, so a stale
    or crafted form would store the comment without the value its author
    meant: refuse it with the field's message instead, as REST does."""

    def validate(self, value, force=False):
        terms = getattr(self.widget, "terms", None)
        if terms is not None:
            raw = self.request.form.get(self.widget.name)
            tokens = raw if isinstance(raw, (list, tuple)) else [raw]
            chosen = [
                t for t in tokens if t not in (None, "", self.widget.noValueToken)
            ]
            for token in chosen:
                try:
                    if len(chosen) > 1:  # one value per comment
                        raise LookupError(token)
                    terms.getTermByToken(token)
                except LookupError:
                    content = self.view.context  # the commented content
                    field = field_named(content, self.field.__name__)
                    raise Invalid(field.error(content, token)) from None
        return super().validate(value, force)


validator.WidgetValidatorDiscriminators(KnownValue, field=ICommentFormField)
