"""Personal links on pages: the token leaves the URL at once.

A personal link (``tokens.issue``) arrives in a mail as
``<page>?contact=<uid>&token=<token>``: mail clients without scripts must
be able to open it, and links already sent must keep working. A URL is
written into access logs (the instance's, the balancer's), browser
history, and the ``Referer`` of whatever the page loads or links to. So
the page never shows itself under that URL: the first request moves the
two values into a short-lived cookie scoped to the page's own path
(``HttpOnly``, ``SameSite=Lax``, ``Secure`` on https) and answers a 303 to
the page's bare URL, which reads them from the cookie. Redirects leave no
history entry; the instance's access log writes ``token=-``
(``accesslog.py``); every answer says ``Cache-Control: no-store`` and
``Referrer-Policy: no-referrer``. The page's form carries the token in a
hidden field of its POST body (never logged), so the cookie alone can
act on nothing and a cross-site form, which cannot know the token, acts
on nothing either.

``PersonalLinkPage`` is such a page: the contacts' self-update and e-mail
confirmation pages are two; the guest links of draft rounds will be
others. Shared: imports no feature.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zExceptions import HTTPTooManyRequests
from zope.interface import alsoProvides
import re


COOKIE = "collab_link"
LIFETIME = 60 * 60  # seconds a page keeps a link's values after opening it
SUBJECT, TOKEN = "contact", "token"  # the link's query parameters
_NOT_IN_A_LINK = re.compile(r"[^A-Za-z0-9_-]")  # UIDs and token_urlsafe


def private_answer(response):
    """Headers for any answer of a personal link's page."""
    response.setHeader("Cache-Control", "no-store")
    response.setHeader("Referrer-Policy", "no-referrer")


def page_url(request):
    """The page's URL as the browser asked for it, without the query."""
    return request["ACTUAL_URL"]


def moved_out_of_url(request):
    """If the link's token is in the URL, keep ``subject:token`` in the
    page's cookie and answer a 303 to the bare URL; True if so (the view
    then renders nothing)."""
    if request.method != "GET" or TOKEN not in request.form:
        return False
    response = request.response
    url = page_url(request)
    subject = _NOT_IN_A_LINK.sub("", str(request.form.get(SUBJECT) or ""))[:100]
    token = _NOT_IN_A_LINK.sub("", str(request.form.get(TOKEN) or ""))[:100]
    response.setCookie(
        COOKIE,
        f"{subject}:{token}",
        path=urlsplit(url).path,
        max_age=LIFETIME,
        http_only=True,
        same_site="Lax",
        secure=url.startswith("https:"),
    )
    private_answer(response)
    response.redirect(url, status=303, lock=True)
    return True


def link_values(request):
    """``(subject, token)`` of the link: from the form of a POST, or from
    the page's cookie after the move; ``(None, None)`` without one."""
    if request.method == "POST":
        return request.form.get(SUBJECT), request.form.get(TOKEN)
    subject, _sep, token = (request.cookies.get(COOKIE) or "").partition(":")
    return (subject or None), (token or None)


class PersonalLinkPage(BrowserView):
    """A page opened by a personal link: the token moved out of the URL,
    checked on every request (``check_link``, which raises the shown 403
    or 429 of ``tokens.check``), ``prepare()`` on every request that
    passed, ``act()`` on a POST with ``save``. What was posted is in
    ``self.form``, not in the request: Plone's language selector copies the
    request's form into its links, token and personal details included."""

    refusal = None

    def check_link(self, subject, token, client):
        raise NotImplementedError

    def prepare(self):
        pass

    def act(self):
        raise NotImplementedError

    def __call__(self):
        private_answer(self.request.response)
        if moved_out_of_url(self.request):
            return ""
        self.link_subject, self.link_token = link_values(self.request)
        self.form = dict(self.request.form)
        self.request.form.clear()
        try:
            self.check_link(
                self.link_subject, self.link_token, self.request.getClientAddr()
            )
        except (Forbidden, HTTPTooManyRequests) as error:
            self.refuse(error)
            return self.index()
        self.prepare()
        posted = self.request.method == "POST" and self.form.get("save")
        if self.refusal is None and posted:
            # The token in the POST body is the proof; plone.protect's
            # authenticator cannot exist for a visitor without an account.
            alsoProvides(self.request, IDisableCSRFProtection)
            self.act()
        return self.index()

    def refuse(self, error):
        """Show ``error``'s message (a shown 403 or 429) instead of the page."""
        self.refusal = error.args[0] if error.args else ""
        status = 429 if isinstance(error, HTTPTooManyRequests) else 403
        self.request.response.setStatus(status, lock=True)
