"""Every event handler of the contacts feature, registered in one block of
``configure.zcml``."""

from collab.portal.contacts.tasks import run_mailings


def clock_ticked(event):
    """``clock.IClockTick``: mailings."""
    run_mailings(event.at, event.changes)
