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

Personal tokens (contacts, meeting links, guest links) will live here too:
issued once and stored only as a hash, with an expiry, revocation, a rate
limit on checks and an audit record of their use.

Shared: imports no feature.
"""

from hashlib import sha256
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from zope.component import getUtility
import hmac


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
