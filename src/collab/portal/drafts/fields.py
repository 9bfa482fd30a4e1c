"""The fields a comment on a draft carries (``comments.fields``): the
paragraph it is about, the words it quotes there, and the wording it
proposes instead (a suggestion). The engine puts them on the comment
form, checks them over REST, serializes and exports them."""

from collab.portal import _
from collab.portal.comments.fields import CommentField
from collab.portal.drafts.anchoring import QUOTE_MAX
from collab.portal.drafts.comment_index import comments_on
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.vocabularies import disposition_terms
from collab.portal.drafts.vocabularies import DISPOSITION_TITLES
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate


SUGGESTION_MAX = 5000


def paragraph_number(draft, pid):
    """The paragraph's visible number now, or None (looked up in the
    table's cached numbers: one table walk for all comments serialized)."""
    return read_table(draft).number(pid)


def known_paragraph(draft, value):
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in read_table(draft):
        raise ValueError(value)
    return value


def no_such_paragraph(draft, value):
    return _(
        "draft_no_such_paragraph",
        default="This draft has no paragraph ${id}: reload the draft and "
        "comment again.",
        mapping={"id": str(value)[:40]},
    )


def plain_text(limit):
    def check(draft, value):
        if value is None:
            return None
        if not isinstance(value, str) or len(value) > limit:
            raise ValueError(value)
        return value

    return check


def too_long(limit):
    def error(draft, value):
        return _(
            "draft_field_too_long",
            default="Send plain text of at most ${limit} characters.",
            mapping={"limit": limit},
        )

    return error


PARAGRAPH = CommentField(
    "paragraph",
    schema.TextLine(title=_("Paragraph"), required=False),
    applies=lambda draft: True,
    from_json=known_paragraph,
    error=no_such_paragraph,
    serialize=lambda draft, pid: {
        "paragraph": pid,
        "paragraph_number": paragraph_number(draft, pid) if pid else None,
    },
    text=lambda draft, pid: pid and f"¶ {paragraph_number(draft, pid) or '?'}",
    header=_("Paragraph"),
    label=_("On paragraph"),
    mail_line=lambda draft, pid: None,
    css_class="draft-comment-paragraph",
    filter=comments_on,
)


def plain_text_field(
    name,
    title,
    limit,
    *,
    label=None,
    description="",
    empty=None,
    text=None,
    set_by=None,
):
    """An optional comment field of plain text up to ``limit`` characters
    (the shape of the quote, the suggestion and the response): stored as
    sent, serialized under ``name`` (``empty`` when there is none), shown
    as it is unless ``text`` says how, its title the export's header and,
    unless ``label`` is given, the page's label."""
    return CommentField(
        name,
        schema.Text(
            title=title, description=description, required=False, max_length=limit
        ),
        applies=lambda draft: True,
        from_json=plain_text(limit),
        error=too_long(limit),
        serialize=lambda draft, value: {name: value or empty},
        text=text or (lambda draft, value: value),
        header=title,
        label=label or title,
        mail_line=lambda draft, value: None,
        css_class=f"draft-comment-{name}",
        set_by=set_by,
    )


QUOTE = plain_text_field(
    "quote",
    _("Quoted words"),
    QUOTE_MAX,
    label=_("On the words"),
    empty="",
    text=lambda draft, quote: quote and f"«{quote}»",
)

SUGGESTION = plain_text_field(
    "suggestion",
    _("Proposed wording"),
    SUGGESTION_MAX,
    description=_("The paragraph (or the quoted words) as you would write it."),
)


DISPOSE = "collab.portal: Dispose draft comments"


def known_disposition(draft, value):
    if value in (None, ""):
        return None
    if value not in DISPOSITION_TITLES:
        raise ValueError(value)
    return value


def unknown_disposition(draft, value):
    return _(
        "draft_unknown_disposition",
        default="Choose one of ${keys}.",
        mapping={"keys": ", ".join(DISPOSITION_TITLES)},
    )


def disposition_title(key):
    title = DISPOSITION_TITLES.get(key)
    return translate(title, context=getRequest()) if title else None


DISPOSITION = CommentField(
    "disposition",
    schema.Choice(
        title=_("Disposition"),
        vocabulary=disposition_terms(),
        required=False,
    ),
    applies=lambda draft: True,
    from_json=known_disposition,
    error=unknown_disposition,
    serialize=lambda draft, key: {
        "disposition": key,
        "disposition_title": disposition_title(key),
    },
    text=lambda draft, key: disposition_title(key),
    header=_("Disposition"),
    label=_("Disposition"),
    mail_line=lambda draft, key: None,
    css_class="draft-comment-disposition",
    set_by=DISPOSE,
)

RESPONSE = plain_text_field("response", _("Response"), SUGGESTION_MAX, set_by=DISPOSE)
