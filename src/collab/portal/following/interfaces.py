"""What can be followed."""

from zope.interface import Interface


class IFollowable(Interface):
    """Forums and discussion groups (given to their classes in this
    package's configure.zcml): the viewlet, pages and REST services of
    following are registered once, for this marker."""
