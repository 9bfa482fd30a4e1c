"""Tag each comment with the language of the version it was posted on."""

from plone import api
from plone.base.interfaces import ILanguage
from zope.globalrequest import getRequest


def posted_language(request):
    published = request.get("PUBLISHED") if request is not None else None
    context = getattr(published, "context", None)
    language = ILanguage(context, None) if context is not None else None
    if language is not None and language.get_language():
        return language.get_language()
    return api.portal.get_current_language()


def tag_comment_language(comment, event):
    if not getattr(comment, "language", None):
        comment.language = posted_language(getRequest())
