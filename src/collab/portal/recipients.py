"""Who a feature may send to, asked without importing the feature that
keeps them: meetings invite a contact group's contacts, as mailings send
to them, and features never import each other (the house rules).

Shared: imports no feature. ``contacts`` provides the adapters.
"""

from zope.interface import Interface


class IGroupContacts(Interface):
    """The contacts of a contact group (an adapter of
    ``content.contact_group.IContactGroup``)."""

    def contacts():
        """The member contacts in the group's order, each once, without
        deleted ones and without anything else a relation points to."""

    def any():
        """Whether the group has a member, asked without waking them (a
        group of 5,000 answers from its kept member intids)."""
