"""Fixtures of the directory, group and address-list tests: two groups
with members whose contacts are linked to site users."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from plone import api
from portal_helpers import make_user
from portal_helpers import page_browser
from portal_helpers import rest_session
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
import transaction
import unittest


# Site users linked to contacts: one in the working group, one in the
# observers only.
GROUP_MEMBER = "wgmember"
OTHER_MEMBER = "observer"


def relation(contact):
    return RelationValue(getUtility(IIntIds).getId(contact))


def make_groups(portal):
    """The directory of make_directory plus: Chen Wei (CN, linked to
    ``wgmember``) and Olu Ade (NG, linked to ``observer``); the working
    group ``wg`` (Ana, Luc, Chen; Ana chairs) and ``observers`` (Olu)."""
    directory, ana, luc = make_directory(portal)
    make_user(GROUP_MEMBER)
    make_user(OTHER_MEMBER)
    with api.env.adopt_roles(["Manager"]):
        chen = api.content.create(
            directory,
            "Contact",
            id="chen-wei",
            given_name="Chen",
            family_name="Wei",
            organisation='=HYPERLINK("http://evil.example")',
            email="chen.wei@example.org",
            phone="+86 10 1234 5678",
            country="CN",
            linked_user=GROUP_MEMBER,
        )
        olu = api.content.create(
            directory,
            "Contact",
            id="olu-ade",
            given_name="Olu",
            family_name="Ade",
            email="olu.ade@example.org",
            country="NG",
            linked_user=OTHER_MEMBER,
        )
        wg = api.content.create(
            directory,
            "ContactGroup",
            id="wg",
            title="Working group on data",
            kind="working_group",
            members=[relation(ana), relation(luc), relation(chen)],
            member_roles={ana.UID(): "Chair"},
        )
        observers = api.content.create(
            directory,
            "ContactGroup",
            id="observers",
            title="Observers",
            kind="observers",
            members=[relation(olu)],
        )
    transaction.commit()
    return directory, wg, observers


class DirectoryTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.wg, self.observers = make_groups(self.portal)
        self.ana = self.directory["ana-perez"]
        self.luc = self.directory["luc-martin"]
        self.chen = self.directory["chen-wei"]
        self.olu = self.directory["olu-ade"]

    def browser(self, login=None, language="en"):
        return page_browser(self.layer["app"], login, language)

    def rest(self, login=None, language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def plone_group_members(self, group):
        from collab.portal.contacts.groups import linked_group_id

        transaction.begin()
        return set(
            api.portal.get_tool("portal_groups")
            .getGroupById(linked_group_id(group))
            .getGroupMemberIds()
        )
