"""Create a site from the ``collab-portal`` distribution on the command line.

It goes through ``plone.distribution.api.site.create``, the same call as
the "Create a new site" page and ``POST /@sites``, so all three give the
same site.
"""

from collab.portal.cli.app import opened_app
from collab.portal.distributions.languages import DEFAULT_LANGUAGES
from collab.portal.distributions.languages import is_known_language
import logging
import sys


DISTRIBUTION = "collab-portal"


def answers_from(args):
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    return {
        "site_id": args.id,
        "title": args.title,
        "description": args.description,
        "default_language": languages[0] if languages else "en",
        "languages": languages,
        "portal_timezone": args.timezone,
        "setup_content": not args.no_demo,
    }


def ensure_admin(app, login, password):
    """The emergency-free way in: a Manager in the Zope root user folder,
    added through the user folder's API (``userFolderAddUser``, which the
    root's OFS user folder and a PAS both offer)."""
    users = app.acl_users
    if users.getUserById(login) is None:
        users.userFolderAddUser(login, password, ["Manager"], [])
        return True
    return False


def run(args):
    # Imported late: building the parser must not start Zope.
    from plone.distribution.api import site as site_api
    import transaction

    answers = answers_from(args)
    unknown = [c for c in answers["languages"] if not is_known_language(c)]
    if unknown or not answers["languages"]:
        print(
            "--languages takes a comma-separated list of language codes "
            "Plone knows (e.g. en,es,fr,ar,zh,ru); unknown: " + ", ".join(unknown),
            file=sys.stderr,
        )
        return 2
    if not args.verbose:
        # Profile imports warn about harmless redefinitions by the dozen.
        logging.disable(logging.WARNING)
    with opened_app(args.zope_conf) as app:
        if args.admin:
            login, _, password = args.admin.partition(":")
            if ensure_admin(app, login, password or login):
                transaction.commit()
                print(f"Added Zope administrator {login!r}")
        if args.id in app.objectIds():
            if args.if_missing:
                print(f"Site {args.id!r} exists; left as it is.")
                return 0
            print(f"A site with id {args.id!r} exists already.", file=sys.stderr)
            return 1
        site = site_api.create(app, DISTRIBUTION, answers)
        print(
            f"Created site {site.getId()!r} from the {DISTRIBUTION!r} distribution "
            f"with languages {', '.join(answers['languages'])}."
        )
        return 0


def add_parser(commands):
    parser = commands.add_parser(
        "create-site", help="create a site from the collab-portal distribution"
    )
    parser.add_argument("--zope-conf", default="instance/etc/zope.conf")
    parser.add_argument("--id", default="Plone")
    parser.add_argument("--title", default="Collaboration Portal")
    parser.add_argument(
        "--description", default="The secretariat's workspace between meetings"
    )
    parser.add_argument("--languages", default=",".join(DEFAULT_LANGUAGES))
    parser.add_argument("--timezone", default="UTC")
    parser.add_argument("--no-demo", action="store_true", help="no demo content")
    parser.add_argument(
        "--if-missing", action="store_true", help="do nothing if the site exists"
    )
    parser.add_argument(
        "--admin",
        default="",
        help="login:password of a Zope administrator to add if missing",
    )
    parser.add_argument("--verbose", action="store_true", help="show warnings")
    parser.set_defaults(func=run)
