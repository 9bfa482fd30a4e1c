"""Guests of a draft: a personal link exchanged for a session on that
draft only (issue 22, Behaviour 2).

A guest opens ``<draft>/@@guest?contact=<uid>&token=<token>`` from an
e-mail. The page (``links.PersonalLinkPage``) moves the token out of the
URL at once and changes nothing on a GET: mail scanners open every link.
Its POST ("Continue") checks the token again (``check_link``) and
``open_session`` notes the use in the token's audit and sets the session
cookie ``collab_guest``: the token's public id and its end, signed with
the host's UID on a ring of its own, ``HttpOnly``, ``SameSite=Strict``,
``Secure`` on https, ``Path`` = the draft's path, alive until the token
ends. The cookie holds no secret that opens anything else: without the
host's UID in the signature it is worthless on another draft.

``drafts.pas.GuestPlugin`` turns the cookie into the principal
``guest:<token id>`` on the allow-listed views and services of that one
draft (``requested_host``) while the token record is valid and the host
accepts it (``live_record``): a revoked or expired token, or a closed
round, bites on the next request. The principal is in the group
``guests_group(host)``, to which ``admit`` gives the local role
``DraftGuest`` on the host, so Plone's permission checks, the catalog's
``allowedRolesAndUsers`` and plone.app.discussion work unchanged.

What a draft must answer is ``interfaces.IGuestAccess``; the draft's
comment policy names the guest with ``current_guest``.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from collab.portal import tokens
from collab.portal.clock import now
from collab.portal.comments.authors import GUEST
from collab.portal.comments.authors import is_guest
from collab.portal.drafts.interfaces import IGuestAccess
from collab.portal.drafts.interfaces import IGuestHost
from collab.portal.errors import shown
from plone import api
from plone.rest.interfaces import IService
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.publisher.interfaces.browser import IBrowserView
import re


# Stored names: existing sessions and role assignments depend on them.
SESSION_RING = "collab.portal.drafts.guest-session"
COOKIE = "collab_guest"
ROLE = "DraftGuest"
GROUP_PREFIX = "collab-draft-guests-"
SESSION_ACTION = "guest session"

# Where a guest session counts: pages by view name (besides the host's
# default view) and REST services by name with the methods they answer
# ("" is the host itself: GET reads it).
GUEST_PAGES = ("guest", "view", "compare", "responses")
GUEST_SERVICES = {
    "": ("GET",),
    "@comments": ("GET", "POST", "PATCH", "DELETE"),
    "@paragraphs": ("GET",),
    "@diff": ("GET",),
}

_TOKEN_ID = re.compile(r"^[0-9a-f]{1,64}$")


def principal_id(token_id):
    """The principal of a guest: ``guest:<token id>`` (``authors.GUEST``)."""
    return f"{GUEST}{token_id}"


def token_id_of(userid):
    """The token id of a guest principal, else None."""
    if not isinstance(userid, str) or not is_guest(userid):
        return None
    token_id = userid[len(GUEST) :]
    return token_id if _TOKEN_ID.match(token_id) else None


def guests_group(host):
    """The group every guest of ``host`` is in while on it."""
    return f"{GROUP_PREFIX}{host.UID()}"


def admit(host):
    """Let guests of ``host`` in: ``DraftGuest`` on it for its guests'
    group (a round opening with guests allowed)."""
    host.manage_addLocalRoles(guests_group(host), [ROLE])
    host.reindexObjectSecurity()


def shut(host):
    """Take the guests' local role away again (the round closed)."""
    host.manage_delLocalRoles([guests_group(host)])
    host.reindexObjectSecurity()


def access_of(host):
    return IGuestAccess(host, None) if host is not None else None


def check_link(host, contact, token, client):
    """The valid token record of a link to ``host``; raises the shown 403
    or 429 of ``tokens.check`` otherwise. A token of another host fails
    the check like a guess (its subject differs); a valid token the host
    no longer accepts (round closed) gets the same 403, uncounted."""
    access = access_of(host)
    contact = str(contact or "")[:100]
    subject = access.subject(contact) if access is not None and contact else None
    record = tokens.check(
        access.purpose if access is not None else "",
        subject or contact or "-",
        token,
        client,
    )
    if access is None or not access.accepts(record):
        raise refused()
    return record


def refused():
    return shown(Forbidden(translate(tokens.REFUSED, context=getRequest())))


def open_session(host, record, request, at=None):
    """Exchange the checked link for a session cookie on ``host``: the
    use is noted in the token's audit trail, the cookie set on the
    response. Returns the cookie's value."""
    at = at or now()
    tokens.record_use(
        record, SESSION_ACTION, actor=principal_id(record.token_id), at=at
    )
    value = session_value(host, record)
    url = host.absolute_url()
    request.response.setCookie(
        COOKIE,
        value,
        path=urlsplit(url).path or "/",
        max_age=max(int((record.expires - at).total_seconds()), 0),
        http_only=True,
        same_site="Strict",
        secure=request.get("ACTUAL_URL", url).startswith("https:"),
    )
    return value


def session_value(host, record):
    """``<token id>.<end>.<signature of both and the host's UID>``."""
    end = int(record.expires.timestamp())
    signature = tokens.sign(SESSION_RING, record.token_id, host.UID(), end)
    return f"{record.token_id}.{end}.{signature}"


def session_token_id(host, value, at=None):
    """The token id of a session cookie signed for ``host`` and not past
    its end, else None. Reads no token record."""
    parts = value.split(".") if isinstance(value, str) else ()
    if len(parts) != 3:
        return None
    token_id, end, signature = parts
    if not _TOKEN_ID.match(token_id) or not end.isdigit() or len(end) > 12:
        return None
    if int(end) <= (at or now()).timestamp():
        return None
    if not tokens.is_valid(SESSION_RING, signature, token_id, host.UID(), end):
        return None
    return token_id


def live_record(host, token_id, at=None):
    """The token record behind a guest session on ``host`` if it still
    opens it: valid (not expired, not revoked), of the host's purpose, and
    accepted by the host. Else None."""
    access = access_of(host)
    store = tokens.token_store()
    if access is None or store is None or not token_id:
        return None
    record = store.by_token_id(token_id)
    if (
        record is None
        or record.state(at) != "valid"
        or record.purpose != access.purpose
        or not access.accepts(record)
    ):
        return None
    return record


def opened_record(token_id, at=None):
    """A valid token record with which a guest session was opened (on
    whatever host), else None: who may be named as a guest principal."""
    store = tokens.token_store()
    record = store.by_token_id(token_id) if store is not None and token_id else None
    if record is None or record.state(at) != "valid":
        return None
    if not any(event.get("action") == SESSION_ACTION for event in record.audit):
        return None
    return record


def requested_host(request):
    """The guest host of which ``request`` publishes an allow-listed page
    or service, else None. Asked by the PAS plugin after traversal, when
    ``PUBLISHED`` is known; anything else (other content, ``@search``,
    ``@users``, other services, a host's other views) is None, and there
    the guest is anonymous."""
    published = request.get("PUBLISHED") if request is not None else None
    if published is None or not IBrowserView.providedBy(published):
        return None
    host = getattr(published, "context", None)
    host = aq_inner(host) if host is not None else None
    if host is None or not IGuestHost.providedBy(host):
        return None
    name = getattr(published, "__name__", None) or ""
    if IService.providedBy(published):
        service_id = getattr(request, "_rest_service_id", None) or ""
        if not name.startswith(service_id):
            return None
        methods = GUEST_SERVICES.get(name[len(service_id) :], ())
        return host if request.get("REQUEST_METHOD", "GET") in methods else None
    return host if name in page_names(host) else None


def page_names(host):
    """The names of the host's pages a guest may open: its default view
    (the selected layout) and ``GUEST_PAGES``."""
    names = set(GUEST_PAGES)
    layout = getattr(aq_base(host), "getLayout", None)
    if layout is not None:
        names.add(host.getLayout())
    return names


def current_guest(host):
    """The guest acting now on ``host`` (a ``comments.authors.Guest``), or
    None: what the draft's ``ICommentPolicy.guest`` answers."""
    if api.user.is_anonymous():
        return None
    token_id = token_id_of(api.user.get_current().getId())
    record = live_record(host, token_id) if token_id else None
    return access_of(host).guest(record) if record is not None else None
