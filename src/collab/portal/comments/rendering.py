"""A comment's text as safe HTML, transformed once per edit.

``Comment.getText()`` asks portal_transforms for a path from the comment's
mime type to safe HTML on every call, several milliseconds each: most of
the time of a page of comments. The result depends only on the text, its
mime type and the site the links resolve against, so it is kept in
Plone's RAM cache under exactly those.
"""

from plone.memoize import ram
from zope.globalrequest import getRequest


def _key(func, comment):
    request = getRequest()
    server = request.get("SERVER_URL", "") if request is not None else ""
    return (
        comment.comment_id,
        getattr(comment, "mime_type", None),
        comment.text,
        comment.modification_date,
        server,
    )


@ram.cache(_key)
def comment_html(comment):
    return comment.getText()
