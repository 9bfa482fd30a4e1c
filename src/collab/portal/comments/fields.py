"""The extra fields a comment carries, described once by the policy.

A feature lists ``CommentField`` objects in ``ICommentPolicy.fields``; the
engine adds each to the comment form (``extender.py``), checks its value
over REST (``services/comments/add.py``), serializes it
(``serializers.py``), exports it (``export.py``) and shows it on the page
and in mail. The engine itself names no field; features bring theirs.
"""

from collab.portal.comments.interfaces import ICommentPolicy
from zope.interface import alsoProvides
from zope.interface import Interface


class ICommentFormField(Interface):
    """Marks the zope.schema fields a policy adds to the comment form, so
    that one validator (``extender.KnownValue``) checks them all."""


class CommentField:
    """One extra value of a comment.

    ``form_field`` is a zope.schema field named ``name`` (stored on the
    comment under that name, as plone.app.discussion stores every field of
    its form). The callables take the content whose policy lists the field
    (a host) and, where they say so, the stored value:

    - ``applies(content)``: whether this content's comments carry it now;
    - ``from_json(content, value)``: the stored value for a REST value, or
      raise ``ValueError`` (answered with ``error(content, value)``, a 400);
    - ``form_value(stored)``: the same value as the form's request field;
    - ``serialize(content, stored)``: the keys it adds to a REST comment;
    - ``text(content, stored)``: a line for people (page, export, mail), or
      None; ``label`` and ``mail_label`` say what it is;
    - ``header``: the export column's title; ``css_class``: the page's;
    - ``filter(content, value)``: where given, ``GET @comments?<name>=``
      lists only the comments it returns (a set of comment ids) and the
      threads they are in;
    - ``set_by``: None for what the author writes with the comment, or the
      permission (on the content) of whoever sets it afterwards on anyone's
      comment (an answer to it, say): such a field is not on the comment
      form, refused in a new comment, and set alone by ``PATCH``.
    """

    def __init__(
        self,
        name,
        form_field,
        *,
        applies,
        from_json,
        error,
        serialize,
        text,
        header,
        label,
        mail_line,
        css_class,
        form_value=str,
        set_by=None,
        filter=None,
    ):
        form_field.__name__ = name
        alsoProvides(form_field, ICommentFormField)
        self.name = name
        self.form_field = form_field
        self.applies = applies
        self.from_json = from_json
        self.error = error
        self.serialize = serialize
        self.text = text
        self.header = header
        self.label = label
        self.mail_line = mail_line
        self.css_class = css_class
        self.form_value = form_value
        self.set_by = set_by
        self.filter = filter


def comment_fields(content):
    """The fields comments on ``content`` carry (none where no policy)."""
    policy = ICommentPolicy(content, None)
    return tuple(policy.fields) if policy is not None else ()


def author_fields(content):
    """The fields an author writes with a comment (form, POST)."""
    return tuple(f for f in comment_fields(content) if f.set_by is None)


def answer_fields(content):
    """The fields others set afterwards (``set_by``), by name."""
    return {f.name: f for f in comment_fields(content) if f.set_by is not None}


def requested_filters(content, form):
    """The comment ids each filtering field asked for in ``form`` allows."""
    for field in comment_fields(content):
        value = form.get(field.name)
        if field.filter is not None and isinstance(value, str):
            yield field.filter(content, value)


def field_named(content, name):
    for field in comment_fields(content):
        if field.name == name:
            return field
    return None


def stored(comment, field):
    return getattr(comment, field.name, None)
