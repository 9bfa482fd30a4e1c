"""Markers of the contacts feature."""

from zope.interface import Interface


class ISendingMailing(Interface):
    """A mailing whose messages are being written or are still in the
    mail queue: the clock finds these through the catalog."""
