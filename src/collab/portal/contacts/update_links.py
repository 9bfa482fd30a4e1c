"""PLACEHOLDER until the self-update links (engineer D's part of issue 12)
are merged: same signature, a fixed URL, no token."""

from plone import api


def update_link(contact, lifetime_days=None) -> str:
    """The absolute URL of ``contact``'s self-update page."""
    return f"{api.portal.get().absolute_url()}/@@update-details"
