"""The Zope application of an instance that is not being served, for the
commands that change its database."""

from contextlib import contextmanager


@contextmanager
def opened_app(zope_conf):
    """The Zope root of ``zope_conf``; what was not committed is dropped
    and the database closed afterwards, so no ``Data.fs.lock`` is left."""
    # Imported late: building the parser must not start Zope.
    from plone.exportimport.utils.cli import get_app
    import transaction

    app = get_app(zope_conf)
    try:
        yield app
    finally:
        transaction.abort()
        app._p_jar.db().close()
