"""What the seeding scripts share: they run in their own process on the
benchmark's database before the server starts, with a request and as the
site's admin, as a REST client would."""


def run(seed, conf, *args):
    """Call ``seed(site, *args)`` on the site of ``conf`` (a zope.conf),
    then close the database."""
    from plone.exportimport.utils.cli import get_app
    import logging

    logging.disable(logging.WARNING)
    app = get_app(conf)
    try:
        seed(site_as_admin(app), *args)
    finally:
        app._p_jar.db().close()


def site_as_admin(app):
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app.Plone
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    return site
