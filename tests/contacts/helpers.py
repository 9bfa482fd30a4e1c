"""Fixtures of the contacts tests: a directory with a few contacts, a
group and a secretariat user."""

from plone import api
from portal_helpers import create_role_users
from portal_helpers import make_user
import transaction


SECRETARIAT = "secretariat"


def make_secretariat_user(portal):
    make_user(SECRETARIAT, ("Member", "Secretariat"))


def make_directory(portal):
    """/contacts with two contacts and a group holding both."""
    create_role_users(portal)
    make_secretariat_user(portal)
    with api.env.adopt_roles(["Manager"]):
        # The distribution makes /contacts; a site without one gets it here.
        directory = portal.get("contacts") or api.content.create(
            portal, "ContactDirectory", id="contacts", title="Contacts"
        )
        ana = api.content.create(
            directory,
            "Contact",
            id="ana-perez",
            given_name="Ana",
            family_name="Pérez",
            email="Ana.Perez@Example.ORG",
            country="PE",
            preferred_language="es",
        )
        luc = api.content.create(
            directory,
            "Contact",
            id="luc-martin",
            given_name="Luc",
            family_name="Martin",
            email="luc.martin@example.org",
            country="FR",
            preferred_language="fr",
        )
    transaction.commit()
    return directory, ana, luc


# A member given the ContactGroupMember role site-wide (Users and Groups
# offers it): the permission tables show what that grant opens.
SITE_WIDE_MEMBER = "sitewidemember"


def make_site_wide_member():
    make_user(SITE_WIDE_MEMBER, ("Member", "ContactGroupMember"))
