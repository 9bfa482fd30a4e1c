"""Signed links: HMAC (SHA-256) tokens on named plone.keyring rings.

A token proves that a link came from us without storing anything per
link: ``sign("collab.portal.following", userid, scope)`` signs the parts
joined by newlines with the ring's current key, and ``is_valid`` accepts a
candidate signed with any key the ring still keeps. Each use has a ring of
its own: plone.protect rotates its rings weekly (``_system``) or daily
(``_forms``), and a link in a mail must work months later. Rotating one
ring by hand (ZMI, or ``IKeyManager.rotate(name)``) keeps the links of its
last few keys valid and ends older ones. Ring names are stored in the
database: they never change (existing links would stop working).

Personal tokens (a contact's self-update link; later meeting
registration and the guest links of draft comment rounds) are the other
half: ``issue(purpose, subject, days)`` draws 256 bits from ``secrets``
and stores only their SHA-256, scoped to one purpose and one subject (a
UID). ``check`` accepts a candidate only for that purpose and subject,
before it expires and unless revoked; it writes nothing (mail scanners
open every link, and a GET must change nothing). Refused checks count
against the client address (the real one behind a trusted proxy: see
``cli/instance.py``) in a bounded table in memory; past the limit a
client's refused checks answer 429 and are no longer logged one by one.
A valid token always passes: with 256 bits nobody guesses one, so the
limit only bounds the noise a guesser makes, and it must never lock out
the holder (a whole meeting venue shares one address; group members see
every contact's UID, so a per-subject lock would let any of them lock
anyone's link). ``record_use`` and ``revoke`` add to the token's audit
trail (who, when, what); refusals go to the log, escaped.

Shared: imports no feature.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from collab.portal import _
from collab.portal.clock import now
from collab.portal.errors import shown
from collab.portal.errors import TooManyRequests
from collections import deque
from collections import OrderedDict
from datetime import timedelta
from hashlib import sha256
from persistent import Persistent
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
import hmac
import ipaddress
import logging
import secrets
import threading
import time


logger = logging.getLogger("collab.portal.tokens")


def keyring(name, create=False):
    """The named ring, made (five keys) on first use if ``create``."""
    manager = getUtility(IKeyManager)
    if name in manager:
        return manager[name]
    if not create:
        return None
    ring = Keyring(5)
    ring.fill()
    manager[name] = ring
    return ring


def _digest(key, parts):
    message = "\n".join(str(part) for part in parts).encode()
    return hmac.new(key.encode(), message, sha256).hexdigest()


def sign(ring_name, *parts):
    """A token for ``parts`` with the ring's current key."""
    return _digest(keyring(ring_name, create=True).current, parts)


def is_valid(ring_name, candidate, *parts):
    """True if ``candidate`` signs ``parts`` with a key the ring keeps."""
    ring = keyring(ring_name)
    if ring is None or not isinstance(candidate, str) or not all(parts):
        return False
    return any(
        hmac.compare_digest(_digest(key, parts), candidate) for key in ring if key
    )


# Personal tokens ---------------------------------------------------------

STORE_KEY = "collab.portal.tokens.personal"  # stored: never renamed

# Refused checks allowed per client address in WINDOW seconds; past it
# that client's refused checks answer 429. At most MAX_CLIENTS addresses
# are remembered, the least recently refused forgotten first.
MAX_FAILURES = 10
WINDOW = 15 * 60
MAX_CLIENTS = 20000


REFUSED = _(
    "token_refused",
    default="This link is not valid: it may be incomplete, expired or "
    "withdrawn. Ask the secretariat for a new one.",
)
TOO_MANY = _(
    "token_too_many_attempts",
    default="Too many attempts with invalid links. Please try again later.",
)


class PersonalToken(Persistent):
    """One issued token: its hash, never the token itself."""

    def __init__(self, digest, purpose, subject, expires, actor, at):
        self.token_id = secrets.token_hex(8)  # public handle, for revoking
        self.digest = digest
        self.purpose = purpose
        self.subject = subject
        self.issued = at
        self.expires = expires
        self.revoked = None
        self.uses = 0
        self.last_used = None
        # A plain list, replaced on each event: the token is written then
        # anyway, and a mailing issuing thousands writes one object each.
        self.audit = [_event(at, "issued", actor)]

    def state(self, at=None):
        at = at or now()
        if self.revoked is not None:
            return "revoked"
        if at >= self.expires:
            return "expired"
        return "valid"

    def as_dict(self):
        """What the secretariat may see of it (never the hash)."""
        return {
            "token_id": self.token_id,
            "purpose": self.purpose,
            "subject": self.subject,
            "state": self.state(),
            "issued": _iso(self.issued),
            "expires": _iso(self.expires),
            "revoked": _iso(self.revoked),
            "uses": self.uses,
            "last_used": _iso(self.last_used),
            "audit": [dict(event) for event in self.audit],
        }


def _iso(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def _event(at, action, actor, **details):
    return {"at": _iso(at), "action": action, "by": actor, **details}


def _digest_of(token):
    return sha256(token.encode()).hexdigest()


class TokenStore(Persistent):
    """The site's personal tokens, found by hash (checks), by public id
    (revoking), by purpose and subject (the secretariat's list) and by the
    day they end (purging).

    A mailing issues one token per message while two instances may be
    sending: every index is a BTree or tree set keyed by something random
    (the hash, the public id) or ending in it, so two transactions issuing
    tokens (even for one contact) insert different keys and ZODB merges
    them; nothing on the store object itself changes when a token is
    issued."""

    def __init__(self):
        self.by_digest = OOBTree()
        self.by_id = OOBTree()
        self.subjects = OOTreeSet()  # (purpose, subject, digest)
        self.ends = OOTreeSet()  # (day it ends, digest)

    def _index(self, record):
        self.subjects.add((record.purpose, record.subject, record.digest))
        for end in (record.expires, record.revoked):
            if end is not None:
                self.ends.add((_day(end), record.digest))

    def add(self, record):
        self.by_digest[record.digest] = record
        self.by_id[record.token_id] = record.digest
        self._index(record)

    def ended(self, record):
        """Revoked: purged by the day it was revoked too."""
        self._index(record)

    def remove(self, record):
        del self.by_digest[record.digest]
        del self.by_id[record.token_id]
        self.subjects.remove((record.purpose, record.subject, record.digest))
        for end in (record.expires, record.revoked):
            if end is not None:
                self.ends.discard((_day(end), record.digest))

    def by_token_id(self, token_id):
        digest = self.by_id.get(token_id) if isinstance(token_id, str) else None
        return self.by_digest.get(digest) if digest is not None else None

    def of(self, purpose, subject):
        found = []
        for key in self.subjects.keys(min=(purpose, subject)):
            if key[:2] != (purpose, subject):
                break
            found.append(self.by_digest[key[2]])
        return found

    def ending_by(self, before):
        """Records whose end (expiry or revocation) is before ``before``,
        read from the days index: only those days are loaded."""
        found = {}
        for _day_, digest in list(self.ends.keys(max=(_day(before), "~"))):
            record = self.by_digest.get(digest)
            if record is None:
                self.ends.discard((_day_, digest))
            elif (record.revoked or record.expires) < before:
                found[digest] = record
        return list(found.values())


def _day(at):
    return at.strftime("%Y-%m-%d")


def token_store(create=False):
    """The site's TokenStore (site annotations), None before the first;
    also for ``issue(..., store=)``."""
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(STORE_KEY)
    if store is None and create:
        store = annotations[STORE_KEY] = TokenStore()
    return store


def current_actor():
    """The current user's id, for audits and ``issue(..., actor=)``."""
    user = api.user.get_current()
    return user.getId() if user is not None else None


def issue(purpose, subject, days, actor=None, at=None, store=None):
    """A new token for ``subject`` (a UID) and ``purpose``, valid ``days``.

    Returns the token; only its hash is kept, so it cannot be shown again.
    A caller issuing many (a mailing: one a message) passes the ``actor``
    and the ``store`` (``token_store(create=True)``) it looked up once.
    """
    if not purpose or not subject:
        raise ValueError("a token needs a purpose and a subject")
    at = at or now()
    token = secrets.token_urlsafe(32)  # 256 bits
    digest = _digest_of(token)
    record = PersonalToken(
        digest,
        purpose,
        subject,
        at + timedelta(days=days),
        actor or current_actor(),
        at,
    )
    (store if store is not None else token_store(create=True)).add(record)
    return token


def tokens_of(purpose, subject):
    """Every token issued for ``subject`` and ``purpose``, newest first."""
    store = token_store()
    found = store.of(purpose, subject) if store is not None else []
    return sorted(found, key=lambda r: r.issued, reverse=True)


def check(purpose, subject, candidate, client=None, at=None):
    """The valid token record for ``candidate``.

    Otherwise raises a shown ``Forbidden`` (unknown, tampered, expired,
    revoked or another subject's token: one answer for all, so a refusal
    tells a guesser nothing) or, once ``client`` has been refused too often,
    ``errors.TooManyRequests`` (its own 429 page). A valid token is never
    refused for what others did (see the module's docstring). Writes
    nothing to the database."""
    record = None
    if isinstance(candidate, str) and 20 <= len(candidate) <= 100:
        store = token_store()
        record = store.by_digest.get(_digest_of(candidate)) if store else None
    if (
        record is not None
        and record.purpose == purpose
        and record.subject == subject
        and record.state(at) == "valid"
    ):
        return record
    key = client_key(client)
    if _attempts.exceeded(key):
        raise TooManyRequests(_translated(TOO_MANY))
    if _attempts.fail(key):
        logger.warning("token checks limited from now on: client %s", loggable(key))
    logger.warning(
        "token refused: %s %s %s (%s)",
        loggable(purpose),
        loggable(subject),
        loggable(client),
        "unknown" if record is None else record.state(at),
    )
    raise shown(Forbidden(_translated(REFUSED)))


def loggable(value, limit=100):
    """``value`` for one log line: control characters (newlines included)
    escaped, so a parameter cannot write a line of its own, and cut."""
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[:limit] + "..."


def client_key(client):
    """What refusals are counted by: the address, an IPv6 one by its /64
    (one host holds a whole /64); anything else (no address) as given."""
    try:
        address = ipaddress.ip_address(client)
    except (TypeError, ValueError):
        return str(client or "")[:100]
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def record_use(record, action, actor=None, at=None, **details):
    """Note in the token's audit trail that it was used to act."""
    at = at or now()
    record.uses += 1
    record.last_used = at
    record.audit = [*record.audit, _event(at, action, actor, **details)]


def revoke(token_id, actor=None, at=None):
    """Withdraw the token with this public id; returns its record, or
    None if there is none."""
    store = token_store()
    record = store.by_token_id(token_id) if store is not None else None
    if record is not None and record.revoked is None:
        at = at or now()
        record.revoked = at
        record.audit = [*record.audit, _event(at, "revoked", actor or current_actor())]
        store.ended(record)
    return record


def purge_expired(before):
    """Forget tokens expired or revoked before ``before`` (their audit
    goes with them); returns how many."""
    store = token_store()
    if store is None:
        return 0
    old = store.ending_by(before)
    for record in old:
        store.remove(record)
    return len(old)


def forget(purpose, subject):
    """Remove every token of ``subject`` for ``purpose`` (its subject is
    gone: a deleted contact); returns how many."""
    store = token_store()
    if store is None:
        return 0
    records = store.of(purpose, subject)
    for record in records:
        store.remove(record)
    return len(records)


def _translated(message):
    return translate(message, context=getRequest())


class _Attempts:
    """Refused checks per client in a sliding window, in this process only:
    counting them in the database would make every refused GET a write
    (and a conflict under a flood). With several instances the limit
    applies per instance. The table is bounded: past ``MAX_CLIENTS`` the
    client refused longest ago is forgotten, one at a time, so a flood of
    addresses never empties it."""

    def __init__(self, max_clients=MAX_CLIENTS):
        self.lock = threading.Lock()
        self.max_clients = max_clients
        self.failures = OrderedDict()

    def fail(self, key):
        """Count a refusal; True when it is the one that reaches the limit."""
        with self.lock:
            times = self.failures.pop(key, None)
            if times is None:
                times = deque(maxlen=MAX_FAILURES)
            self.failures[key] = times  # now the most recent
            while len(self.failures) > self.max_clients:
                self.failures.popitem(last=False)
            times.append(time.monotonic())
            return len(times) == MAX_FAILURES and self._recent(times)

    def _recent(self, times):
        while times and time.monotonic() - times[0] > WINDOW:
            times.popleft()
        return len(times) >= MAX_FAILURES

    def exceeded(self, key):
        with self.lock:
            times = self.failures.get(key)
            return bool(times) and self._recent(times)

    def clear(self):
        with self.lock:
            self.failures.clear()


_attempts = _Attempts()


def reset_attempts():
    """Forget refused attempts (tests; an administrator after a flood)."""
    _attempts.clear()
