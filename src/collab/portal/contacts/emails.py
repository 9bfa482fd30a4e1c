"""Which contact of a directory holds an address (case-insensitive).

A small lookup of its own so that the import and the self-update form
agree on what "the same address" is. (Engineer C's
``directory.contact_by_email`` does the same for the directory; the two
can become one at merge.)
"""


def email_key(address):
    return (address or "").strip().lower()


def contacts_by_email(directory):
    """``{lower-cased address: contact}`` of the directory's contacts."""
    found = {}
    for obj in directory.objectValues():
        if getattr(obj, "portal_type", None) == "Contact":
            key = email_key(getattr(obj, "email", None))
            if key:
                found.setdefault(key, obj)
    return found
