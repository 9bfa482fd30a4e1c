"""A browser session as a cross-site page would use it: the visitor's
Plone session cookie (``__ac``) and no header of the page's own."""

from plone import api
import requests


class _CookieCatcher:
    def setCookie(self, name, value, **options):
        self.cookie = (name, value.decode() if isinstance(value, bytes) else value)


def cookie_session(portal, login):
    """A requests session logged in as ``login`` by plone.session's cookie,
    as a browser is after the login form."""
    catcher = _CookieCatcher()
    userid = api.user.get(username=login).getId()
    portal.acl_users.session._setupSession(userid, catcher)
    session = requests.Session()
    session.cookies.set(*catcher.cookie)
    session.headers["Accept"] = "application/json"
    session.base = portal.absolute_url()
    return session


def form_post(session, url, body='{"reviewed": true}', content_type="text/plain"):
    """What ``<form enctype="text/plain" method="post">`` on another site
    sends, with fetch's ``Accept: application/json``; a multipart form
    with the body as its file if ``content_type`` is ``multipart``."""
    if content_type == "multipart":
        files = {"file": ("contacts.csv", body.encode(), "text/csv")}
        return session.post(url, files=files, timeout=120)
    return session.post(
        url, data=body.encode(), headers={"Content-Type": content_type}, timeout=120
    )
