"""A page for members who post faster than the portal allows.

The exception carries its message already translated; REST clients keep
plone.rest's JSON error (status 429) through the same view.
"""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView


class TooManyRequestsView(BrowserView):
    def __call__(self):
        if IAPIRequest.providedBy(self.request):
            return ErrorHandling(self.context, self.request)()
        self.request.response.setStatus(429, lock=True)
        return self.index()

    def message(self):
        return str(self.context)

    def back_url(self):
        return self.request.get("HTTP_REFERER") or ""
