"""The RelatedItems widget options every relation field of the contacts'
types uses: search the whole site for items of the given types."""


def search_options(*portal_types):
    """``pattern_options`` that offer only ``portal_types``, found by
    search from the site root (contacts live in one directory, and
    browsing folders to find one is slower than typing a name)."""
    return {"selectableTypes": list(portal_types), "basePath": "", "mode": "search"}
