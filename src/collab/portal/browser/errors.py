"""Error pages that say what went wrong in the reader's language.

The exceptions carry their message already translated; REST clients keep
plone.rest's JSON error (with its status) through the same views.
"""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView


class TooManyRequestsView(BrowserView):
    """A page for members who post faster than the portal allows."""

    def __call__(self):
        if IAPIRequest.providedBy(self.request):
            return ErrorHandling(self.context, self.request)()
        self.request.response.setStatus(self.status(), lock=True)
        return self.index()

    def status(self):
        return 429

    def message(self):
        return str(self.context)

    def back_url(self):
        return self.request.get("HTTP_REFERER") or ""


class ShownErrorView(TooManyRequestsView):
    """Refusals marked IShownError (comment window, edit minutes, length,
    flags): the page states the reason instead of a generic error."""

    def status(self):
        # Zope maps the class name (Forbidden, BadRequest, Conflict...).
        return type(self.context)
