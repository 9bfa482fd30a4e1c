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

The contacts' self-update and e-mail confirmation pages use it; the
guest links of draft rounds will too. Shared: imports no feature.
"""

from urllib.parse import urlsplit


COOKIE = "collab_link"
LIFETIME = 60 * 60  # seconds a page keeps a link's values after opening it
SUBJECT, TOKEN = "contact", "token"  # the link's query parameters


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
    subject = str(request.form.get(SUBJECT) or "")[:100]
    token = str(request.form.get(TOKEN) or "")[:100]
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
