"""Upgrade 1016 to 1017: a site of the previous release gets the
DraftDocument type, its workflow, its roles and permissions, and the
secretariat can add a draft."""

from collab.portal.testing import INTEGRATION_TESTING
from plone import api
from portal_helpers import UpgradeTestCase


class TestDraftsUpgrade(UpgradeTestCase):
    layer = INTEGRATION_TESTING

    def forget_drafts(self):
        """The site as the previous release made it."""
        types = api.portal.get_tool("portal_types")
        types.manage_delObjects(["DraftDocument"])
        workflows = api.portal.get_tool("portal_workflow")
        workflows.manage_delObjects(["collab_draft_workflow"])
        roles = [r for r in self.portal.__ac_roles__ if not r.startswith("Draft")]
        self.portal.__ac_roles__ = tuple(roles)

    def test_the_type_workflow_and_roles_arrive(self):
        self.forget_drafts()
        self.assertNotIn("DraftLead", self.portal.validRoles())
        self.upgrade_from("1016")
        types = api.portal.get_tool("portal_types")
        self.assertIn("DraftDocument", types.objectIds())
        workflows = api.portal.get_tool("portal_workflow")
        self.assertEqual(
            workflows.getChainForPortalType("DraftDocument"), ("collab_draft_workflow",)
        )
        for role in ("DraftLead", "DraftParticipant", "DraftGuest"):
            self.assertIn(role, self.portal.validRoles())
        roles = [
            r["name"]
            for r in self.portal.rolesOfPermission("collab.portal: Add DraftDocument")
            if r["selected"]
        ]
        self.assertIn("Secretariat", roles)
        draft = api.content.create(
            container=self.portal["en"], type="DraftDocument", title="Upgraded"
        )
        self.assertEqual(api.content.get_state(draft), "draft")


class TestRoundTransitionsUpgrade(UpgradeTestCase):
    """Upgrade 1017 to 1018: the round transitions are guarded by the
    rounds' flag; what was changed through the web elsewhere stays."""

    layer = INTEGRATION_TESTING

    def test_the_round_transitions_get_their_guard(self):
        workflow = api.portal.get_tool("portal_workflow")["collab_draft_workflow"]
        for transition_id in ("open_round", "close_round"):
            guard = workflow.transitions[transition_id].getGuard()
            guard.changeFromProperties(
                {"guard_permissions": "collab.portal: Manage draft rounds"}
            )
        workflow.states["draft"].setPermission("View", 0, ("Manager", "Reviewer"))
        self.upgrade_from("1017")
        for transition_id in ("open_round", "close_round"):
            guard = workflow.transitions[transition_id].getGuard()
            self.assertIn("round_change", guard.getExprText())
            self.assertEqual(guard.permissions, ("collab.portal: Manage draft rounds",))
        self.assertEqual(
            workflow.states["draft"].getPermissionInfo("View")["roles"],
            ["Manager", "Reviewer"],
        )
