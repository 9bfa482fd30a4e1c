"""Point a site at an SMTP server from the command line, while it is not
served: what Site Setup -> Mail does (``plone.smtp_host``,
``plone.smtp_port``). ``make start MAIL=catch`` uses it to send to the
local catcher; a deployment script may use it for the real server.
"""

from collab.portal.cli.app import opened_app
import sys


def run(args):
    # Imported late: building the parser must not start Zope.
    from plone import api
    from zope.component.hooks import site as site_hook
    import transaction

    with opened_app(args.zope_conf) as app:
        if args.id not in app.objectIds():
            print(f"No site with id {args.id!r}.", file=sys.stderr)
            return 1
        with site_hook(app[args.id]):
            api.portal.set_registry_record("plone.smtp_host", args.smtp_host)
            api.portal.set_registry_record("plone.smtp_port", args.smtp_port)
        transaction.commit()
        print(f"Site {args.id!r} sends mail through {args.smtp_host}:{args.smtp_port}.")
        return 0


def add_parser(commands):
    parser = commands.add_parser(
        "mail-settings", help="set the SMTP server of a site (Site Setup: Mail)"
    )
    parser.add_argument("--zope-conf", default="instance/etc/zope.conf")
    parser.add_argument("--id", default="Plone")
    parser.add_argument("--smtp-host", default="localhost")
    parser.add_argument("--smtp-port", type=int, default=25)
    parser.set_defaults(func=run)
