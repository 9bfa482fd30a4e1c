"""The guiding question a comment answers, on the comment form.

plone.app.discussion's CommentForm stores every field of the form on the
comment, and plone.restapi's ``POST @comments`` fills in that same form, so
one form extender serves the page and REST alike.
"""

from collab.portal import _
from collab.portal.comments.interfaces import ICommentPolicy
from plone.z3cform.fieldsets import extensible
from z3c.form import validator
from z3c.form.field import Fields
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IContextSourceBinder)
def guiding_questions(context):
    """The questions of the commented content (the form's context), by
    number, as its policy lists them."""
    policy = ICommentPolicy(context, None)
    questions = policy.questions() if policy is not None else []
    return SimpleVocabulary(
        [
            SimpleTerm(number, str(number), f"{number}. {text}")
            for number, text in enumerate(questions, start=1)
        ]
    )


class IGuidingQuestionField(Interface):
    guiding_question = schema.Choice(
        title=_("Guiding question"),
        description=_("The question your comment answers, if any."),
        source=guiding_questions,
        required=False,
    )


class GuidingQuestionExtender(extensible.FormExtender):
    """Registered for content the engine manages (``ICommentHost``)."""

    fields = Fields(IGuidingQuestionField)

    def update(self):
        if not guiding_questions(self.context):
            return
        self.add(IGuidingQuestionField, prefix="")
        self.move("guiding_question", before="text", prefix="")


class KnownGuidingQuestion(validator.SimpleFieldValidator):
    """z3c.form's select widget drops a token it does not know, so a stale
    or crafted form would store the comment without the question its
    author meant: refuse it with a message instead, as REST does."""

    def validate(self, value, force=False):
        raw = self.request.form.get(self.widget.name)
        tokens = raw if isinstance(raw, (list, tuple)) else [raw]
        chosen = [t for t in tokens if t not in (None, "", self.widget.noValueToken)]
        for token in chosen:
            try:
                if len(chosen) > 1:  # one question per comment
                    raise LookupError(token)
                self.widget.terms.getTermByToken(token)
            except LookupError:
                raise Invalid(
                    _(
                        "unknown_guiding_question",
                        default="This discussion group has no guiding "
                        "question ${number}.",
                        mapping={"number": str(token)[:20]},
                    )
                ) from None
        return super().validate(value, force)


validator.WidgetValidatorDiscriminators(
    KnownGuidingQuestion, field=IGuidingQuestionField["guiding_question"]
)
