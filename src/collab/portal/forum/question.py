"""The guiding question a comment answers: the forum's comment field.

A discussion group lists numbered questions; a comment may name the one it
answers by its number. The engine carries it as any policy field
(``comments.fields``): on the form, over REST, in serializations, exports
and mail.
"""

from collab.portal import _
from collab.portal.comments.fields import CommentField
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def questions(group):
    return list(getattr(group, "guiding_questions", None) or [])


@provider(IContextSourceBinder)
def guiding_questions(context):
    """The group's questions (the form's context), by number."""
    return SimpleVocabulary(
        [
            SimpleTerm(number, str(number), f"{number}. {text}")
            for number, text in enumerate(questions(context), start=1)
        ]
    )


def known_number(group, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(value)
    if group.question(value) is None:
        raise ValueError(value)
    return value


def unknown_question(group, value):
    return _(
        "unknown_guiding_question",
        default="This discussion group has no guiding question ${number}.",
        mapping={"number": str(value)[:20]},
    )


def serialize(group, number):
    return {
        "guiding_question": number,
        "guiding_question_text": group.question(number),
    }


def numbered(group, number):
    """``2. The question``, as the reader's version words it, or None."""
    question = group.question(number) if number else None
    return f"{number}. {question}" if question else None


def mail_line(group, number):
    question = group.question(number) if number else None
    if not question:
        return None
    return _(
        "mail_guiding_question",
        default="Guiding question ${number}: ${question}",
        mapping={"number": number, "question": question},
    )


GUIDING_QUESTION = CommentField(
    "guiding_question",
    schema.Choice(
        title=_("Guiding question"),
        description=_("The question your comment answers, if any."),
        source=guiding_questions,
        required=False,
    ),
    applies=lambda group: bool(questions(group)),
    from_json=known_number,
    error=unknown_question,
    serialize=serialize,
    text=numbered,
    header=_("Guiding question"),
    label=_("Answers question"),
    mail_line=mail_line,
    css_class="comment-question",
    form_value=lambda number: [str(number)],
)
