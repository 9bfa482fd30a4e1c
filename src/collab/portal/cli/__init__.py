"""``collab-portal``: the command line of the add-on.

``collab-portal instance`` writes a Zope instance configuration (embedded
FileStorage or RelStorage on PostgreSQL); ``collab-portal create-site``
creates a site from the ``collab-portal`` distribution, as the "Create a
new site" page and ``POST /@sites`` do; ``collab-portal mail-settings``
sets the SMTP server of a site that is not being served.
"""

from collab.portal.cli import instance
from collab.portal.cli import mail
from collab.portal.cli import site
import argparse
import sys


def build_parser():
    parser = argparse.ArgumentParser(prog="collab-portal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    instance.add_parser(commands)
    site.add_parser(commands)
    mail.add_parser(commands)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return args.func(args) or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
