"""Markers and adapters of the drafts feature."""

from zope.interface import Attribute
from zope.interface import Interface


class IGuestHost(Interface):
    """Content that admits guests by personal link (a draft document).

    Only on such content, and only on its allow-listed views and services
    (``guests.GUEST_PAGES``, ``guests.GUEST_SERVICES``), does a guest
    session cookie make its holder a principal (``drafts.pas``)."""


class IGuestAccess(Interface):
    """What the guest machinery asks of a host (adapt the host).

    The draft content type answers from its rounds; tests register a small
    adapter on a marked Document."""

    purpose = Attribute(
        "The purpose of this host's guest tokens (``tokens.issue``): a "
        "stored name, e.g. ``collab.portal.drafts.guest``."
    )

    def subject(contact):
        """The token subject of a link's ``contact`` value on this host
        (the link carries only letters, digits, ``-`` and ``_``), or None
        when the value cannot belong to this host."""

    def accepts(record):
        """Whether the token ``record`` (valid, of this purpose) opens this
        host now: its subject belongs to this host and its round is open
        with guests allowed."""

    def guest(record):
        """The guest of ``record`` as a ``comments.authors.Guest`` (token
        id, name, organisation, country: from the contact)."""
