"""The instance's access log, without live personal-link tokens.

Paste's translogger (the ``translogger`` filter of ``etc/zope.ini``)
writes each request's URL and Referer as they came: the ``token`` of a
personal link opened from a mail (``?contact=…&token=…``; the page moves
it out of the URL at once, but this first request has it) would sit in
the log in plain text. This filter writes ``token=-`` instead, and names
the client as Zope does (``X-Forwarded-For`` believed only from a
``trusted-proxy`` of zope.conf), not from whatever header a visitor sends.

Shared: imports no feature (``call:collab.portal.accesslog:make_filter``).
"""

from paste.translogger import TransLogger
from paste.util.converters import asbool
from ZPublisher import HTTPRequest
import re


# Query parameters that carry a secret of a link (tokens.py's personal
# tokens): written as ``-``.
SECRET_PARAMETERS = ("token",)
_NAMES = "|".join(SECRET_PARAMETERS)
_SECRET = re.compile(rf"(?P<name>(?:^|[?&;])(?:{_NAMES})=)[^&;#\s]*", re.IGNORECASE)


def redacted(url):
    """``url`` with the value of every secret parameter replaced by ``-``."""
    return _SECRET.sub(r"\g<name>-", url) if url else url


def client_address(environ):
    """The client as ``HTTPRequest.getClientAddr`` names it."""
    address = environ.get("REMOTE_ADDR", "")
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    if forwarded and address in HTTPRequest.trusted_proxies:
        for entry in reversed([e.strip() for e in forwarded.split(",")]):
            if entry not in HTTPRequest.trusted_proxies:
                return entry
    return address


class AccessLog(TransLogger):
    def write_log(self, environ, method, req_uri, start, status, bytes):
        shown = {
            key: value
            for key, value in environ.items()
            if key != "HTTP_X_FORWARDED_FOR"
        }
        shown["REMOTE_ADDR"] = client_address(environ)
        if "HTTP_REFERER" in shown:
            shown["HTTP_REFERER"] = redacted(shown["HTTP_REFERER"])
        super().write_log(shown, method, redacted(req_uri), start, status, bytes)


def make_filter(global_conf, logger_name="wsgi", setup_console_handler="true"):
    """The filter factory of ``zope.ini`` (PasteDeploy's ``call:``; Paste's
    own options, the ones we use)."""

    def access_log(app):
        return AccessLog(
            app,
            logger_name=logger_name,
            setup_console_handler=asbool(setup_console_handler),
        )

    return access_log
