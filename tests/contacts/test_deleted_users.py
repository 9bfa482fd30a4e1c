"""A deleted site user's id keeps no contact group: deleting it (REST or
the Users and Groups control panel) unlinks it from its contacts and
drops PAS's group records, so a stranger who registers the same id
inherits nothing, and the group sync never adds it back for a link made
before the deletion."""

from collab.portal.contacts.groups import linked_group_id
from collab.portal.contacts.principals import LINKED_SINCE
from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from plone import api
from portal_helpers import assert_page
from portal_helpers import PASSWORD
from zope.lifecycleevent import modified
import transaction


class TestDeletedUsers(DirectoryTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_roles(["Manager"]):
            api.group.add_user(groupname="Secretariat", username=GROUP_MEMBER)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), {GROUP_MEMBER})

    def pas_groups_naming(self, userid):
        """Every group whose records still name ``userid``."""
        transaction.begin()
        groups_tool = api.portal.get_tool("portal_groups")
        return {
            group_id
            for group_id in groups_tool.getGroupIds()
            if userid in groups_tool.getGroupMembers(group_id)
        }

    def register_stranger(self):
        """Anyone signs up with the deleted id (registration is open)."""
        response = self.rest().post(
            f"{self.portal.absolute_url()}/@users",
            json={
                "username": GROUP_MEMBER,
                "email": "stranger@example.org",
                "password": PASSWORD,
            },
        )
        self.assertEqual(response.status_code, 201, response.text)

    def assert_stranger_inherits_nothing(self):
        self.register_stranger()
        transaction.begin()
        self.assertIsNone(self.chen.linked_user)
        self.assertEqual(self.pas_groups_naming(GROUP_MEMBER), set())
        user = api.user.get(userid=GROUP_MEMBER)
        self.assertNotIn("Secretariat", user.getRoles())
        response = self.rest(GROUP_MEMBER).get(
            f"{self.wg.absolute_url()}/@address-list"
        )
        self.assertIn(response.status_code, (401, 403), response.text)
        self.assertNotIn("luc.martin", response.text)
        browser = self.browser(GROUP_MEMBER)
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        assert_page(self, browser, "Insufficient Privileges")
        self.assertNotIn("luc.martin", browser.contents)
        # An admin's next change of the group does not bring them back.
        with api.env.adopt_roles(["Manager"]):
            modified(self.wg)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), set())

    def test_deleted_over_rest(self):
        response = self.rest("siteadmin").delete(
            f"{self.portal.absolute_url()}/@users/{GROUP_MEMBER}"
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertIsNone(self.chen.linked_user)
        self.assertEqual(self.plone_group_members(self.wg), set())
        self.assertEqual(self.pas_groups_naming(GROUP_MEMBER), set())
        self.assert_stranger_inherits_nothing()

    def test_local_roles_left_by_the_deletion_are_not_inherited(self):
        """``DELETE @users/<id>?delete_localroles=0`` skips Plone's walk of
        the site; the local roles go when the id is registered again."""
        with api.env.adopt_roles(["Manager"]):
            self.directory.manage_setLocalRoles(GROUP_MEMBER, ["Editor"])
        transaction.commit()
        response = self.rest("siteadmin").delete(
            f"{self.portal.absolute_url()}/@users/{GROUP_MEMBER}",
            params={"delete_localroles": "0"},
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertIn("Editor", self.directory.get_local_roles_for_userid(GROUP_MEMBER))
        self.assert_stranger_inherits_nothing()
        self.assertEqual(self.directory.get_local_roles_for_userid(GROUP_MEMBER), ())
        response = self.rest(GROUP_MEMBER).get(self.luc.absolute_url())
        self.assertIn(response.status_code, (401, 403), response.text)

    def test_deleted_in_the_control_panel(self):
        browser = self.browser("siteadmin")
        browser.open(
            f"{self.portal.absolute_url()}/@@usergroup-userprefs"
            f"?searchstring={GROUP_MEMBER}&form.button.Search=Search"
        )
        assert_page(self, browser, GROUP_MEMBER)
        browser.getControl(name="delete:list").value = [GROUP_MEMBER]
        browser.getControl(name="form.button.Modify").click()
        assert_page(self, browser, "Changes applied.")
        transaction.begin()
        self.assertIsNone(api.user.get(userid=GROUP_MEMBER))
        self.assertIsNone(self.chen.linked_user)
        self.assertEqual(self.pas_groups_naming(GROUP_MEMBER), set())
        self.assert_stranger_inherits_nothing()

    def test_link_older_than_the_deletion_is_never_synced(self):
        """A link written back without an edit (a script, a restored
        object) still names the deleted user: the sync leaves it out. A
        link the secretariat makes after the deletion counts."""
        old_link = getattr(self.chen, LINKED_SINCE)
        with api.env.adopt_roles(["Manager"]):
            api.user.delete(username=GROUP_MEMBER)
        transaction.commit()
        self.register_stranger()
        transaction.begin()
        self.chen.linked_user = GROUP_MEMBER
        setattr(self.chen, LINKED_SINCE, old_link)
        with api.env.adopt_roles(["Manager"]):
            modified(self.wg)
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), set())
        # The secretariat links the new account on purpose.
        response = self.rest("secretariat").patch(
            self.chen.absolute_url(), json={"linked_user": "editor"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        response = self.rest("secretariat").patch(
            self.chen.absolute_url(), json={"linked_user": GROUP_MEMBER}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.plone_group_members(self.wg), {GROUP_MEMBER})

    def test_only_the_deleted_user_goes(self):
        with api.env.adopt_roles(["Manager"]):
            api.user.delete(username="editor")
        transaction.commit()
        self.assertEqual(self.plone_group_members(self.wg), {GROUP_MEMBER})
        self.assertEqual(self.chen.linked_user, GROUP_MEMBER)
        self.assertIn(linked_group_id(self.wg), self.pas_groups_naming(GROUP_MEMBER))
