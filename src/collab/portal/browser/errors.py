"""Error pages that say what went wrong in the reader's language.

The exceptions carry their message already translated; REST clients get
plone.rest's JSON error (with its status) through the same views.
"""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView


def reader_message(error):
    # Not str(): Chameleon appends its template trace to the string of an
    # exception raised while rendering (the comment viewlet).
    args = getattr(error, "args", ())
    return str(args[0]) if args else str(error)


class ReaderErrorHandling(ErrorHandling):
    """plone.rest's JSON error with the exception's own message (plone.rest
    puts "Resource not found: <url>" in place of a NotFound's)."""

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result is not None:
            result["message"] = reader_message(exception)
        return result


class TooManyRequestsView(BrowserView):
    """A page for members who post faster than the portal allows."""

    def __call__(self):
        if IAPIRequest.providedBy(self.request):
            return ReaderErrorHandling(self.context, self.request)()
        self.request.response.setStatus(self.status(), lock=True)
        return self.index()

    def status(self):
        return 429

    def message(self):
        return reader_message(self.context)

    def back_url(self):
        return self.request.get("HTTP_REFERER") or ""


class ShownErrorView(TooManyRequestsView):
    """Refusals marked IShownError (comment window, edit minutes, length,
    flags, export format): the page states the reason instead of a
    generic error."""

    def status(self):
        # Zope maps the class name (Forbidden, BadRequest, NotFound...).
        return type(self.context)
