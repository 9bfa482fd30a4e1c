"""A contact group's Plone group holds exactly the linked users of its
members, whatever changed."""

from collab.portal.contacts.groups import group_members
from collab.portal.contacts.groups import groups_of
from collab.portal.contacts.groups import linked_group_id
from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from contacts.directory_helpers import OTHER_MEMBER
from contacts.directory_helpers import relation
from plone import api
from zope.lifecycleevent import modified
import transaction


class TestLinkedGroups(DirectoryTestCase):
    def test_members_in_order_and_their_groups(self):
        self.assertEqual(group_members(self.wg), [self.ana, self.luc, self.chen])
        self.assertEqual(groups_of(self.chen), [self.wg])
        self.assertEqual(self.plone_group_members(self.wg), {GROUP_MEMBER})
        self.assertEqual(self.plone_group_members(self.observers), {OTHER_MEMBER})

    def test_linking_and_unlinking_a_user(self):
        with api.env.adopt_roles(["Manager"]):
            self.luc.linked_user = "editor"
            modified(self.luc)
            self.chen.linked_user = None
            modified(self.chen)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), {"editor"})

    def test_member_added_and_removed(self):
        with api.env.adopt_roles(["Manager"]):
            self.wg.members = [relation(self.ana), relation(self.olu)]
            self.wg.member_roles = {self.ana.UID(): "Chair", "gone": "x"}
            modified(self.wg)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), {OTHER_MEMBER})
        self.assertEqual(self.wg.member_roles, {self.ana.UID(): "Chair"})
        self.assertEqual(self.plone_group_members(self.observers), {OTHER_MEMBER})

    def test_contact_deleted(self):
        with api.env.adopt_roles(["Manager"]):
            # The delete page warns that the group refers to the contact;
            # the secretariat confirms.
            api.content.delete(self.chen, check_linkintegrity=False)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), set())
        self.assertEqual(group_members(self.wg), [self.ana, self.luc])
        self.assertEqual(len(self.wg.members), 2)

    def test_group_deleted_takes_its_plone_group(self):
        group_id = linked_group_id(self.wg)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.wg)
        transaction.commit()
        self.assertIsNone(api.group.get(groupname=group_id))
        self.assertIsNotNone(api.group.get(groupname=linked_group_id(self.observers)))

    def test_sharing_with_the_linked_group(self):
        """The reason for the Plone group: a folder shared with it."""
        folder = self.portal["en"]
        with api.env.adopt_roles(["Manager"]):
            api.group.grant_roles(
                groupname=linked_group_id(self.wg), roles=["Editor"], obj=folder
            )
        transaction.commit()
        self.assertIn("Editor", api.user.get_roles(username=GROUP_MEMBER, obj=folder))
        self.assertNotIn(
            "Editor", api.user.get_roles(username=OTHER_MEMBER, obj=folder)
        )

    def test_rest_members_as_uids_or_paths(self):
        session = self.rest("secretariat")
        response = session.post(
            self.directory.absolute_url(),
            json={
                "@type": "ContactGroup",
                "title": "Focal points",
                "kind": "focal_points",
                "members": [self.chen.UID(), "/contacts/olu-ade"],
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        data = response.json()
        self.assertEqual(data["kind"]["token"], "focal_points")
        self.assertEqual(
            [m["@id"] for m in data["members"]],
            [self.chen.absolute_url(), self.olu.absolute_url()],
        )
        transaction.begin()
        group = self.directory[data["id"]]
        self.assertEqual(self.plone_group_members(group), {GROUP_MEMBER, OTHER_MEMBER})
        response = session.patch(group.absolute_url(), json={"members": []})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.plone_group_members(group), set())
