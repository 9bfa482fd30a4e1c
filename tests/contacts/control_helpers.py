"""Fixtures of the control-character tests: what Word, a JSON body or an
old import put into a field, and a way to store it as before the rule."""

from plone import api
import transaction


# A vertical tab (Word's line break in pasted text), CR, LF, a tab, NUL,
# a C1 control (Latin-1's reading of cp1252's ’), U+0085 and U+2028.
CONTROLS = ("\x0b", "\r", "\n", "\t", "\x00", "\x92", "\x85", "\u2028")


def store_raw(obj, **values):
    """Set fields without any check, as data stored before the rule was,
    and reindex (the address list reads the catalog's metadata)."""
    with api.env.adopt_roles(["Manager"]):
        for name, value in values.items():
            if name == "organisation":
                obj._p_activate()  # a ghost's __dict__ is empty
                obj.__dict__[name] = value
                obj._p_changed = True
            else:
                setattr(obj, name, value)
        obj.reindexObject()
    transaction.commit()
