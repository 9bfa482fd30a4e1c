"""Where collab.portal intends to behave otherwise than stock Plone.

Each entry names an upstream test (module.Class.method), the reason, and
the failure it must show. ``suites`` makes such a test pass only when it
fails in exactly that way.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    reason: str
    matches: str
    error: type = AssertionError


OWN_WORKFLOW = (
    "Comments follow collab_comment_workflow (published at once, like "
    "Plone's default, plus the pending, rejected and spam states and the "
    "recall transition that flags and moderation use); Plone's moderation "
    "switch keeps it bound and holds new comments for a moderator instead "
    "of binding comment_review_workflow."
)
BOUND = r"'collab_comment_workflow'"

PAD = "plone.app.discussion.tests"

# plone.restapi's users, groups, principals and user schema tests
# (test_plone_restapi_users.py) pass unchanged: the add-on's @users
# services refuse only what those tests never send (bad member fields, a
# CSV file from a non-manager or with a bad row), so none is listed here.

DIFFERENCES = {
    f"{PAD}.test_workflow.WorkflowSetupTest.test_default_workflow": Difference(
        OWN_WORKFLOW, BOUND
    ),
    f"{PAD}.test_workflow.CommentOneStateWorkflowTest.test_migration": Difference(
        OWN_WORKFLOW, BOUND
    ),
    f"{PAD}.test_controlpanel.ConfigurationChangedSubscriberTest"
    ".test_moderation_enabled_in_discussion_control_panel_changed": Difference(
        OWN_WORKFLOW, BOUND
    ),
    f"{PAD}.test_comments_viewlet.TestCommentsViewlet"
    ".test_comment_transform_message": Difference(
        "The test builds plone.app.discussion's CommentsViewlet class itself, "
        "which says 'Comments are moderated.' for any workflow with a pending "
        "state; the viewlet the add-on registers on its layer says it only "
        "where comments wait for a moderator (tests/test_moderation_message.py).",
        r"Plain text formatting\. Comments are moderated\.' != "
        r"'You \[33 chars\]the form below\. Plain text formatting\.'",
    ),
}

# plone.app.multilingual's shipped tests (test_plone_app_multilingual.py) all
# pass on its own fixture with the add-on installed: no intended difference.
# Its TestSetupWithVolto is left out, not listed here (plone.volto is not
# installed; the test module says why).
