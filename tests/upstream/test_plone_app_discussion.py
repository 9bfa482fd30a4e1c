"""plone.app.discussion's shipped tests with collab.portal installed.

The robot tests are left out: they need a Robot Framework browser of their
own; the add-on's pages have Chromium tests in tests/test_browser*.py.
"""

from upstream.suites import upstream_suite


MODULES = [
    "plone.app.discussion.tests.test_catalog",
    "plone.app.discussion.tests.test_comment",
    "plone.app.discussion.tests.test_comments_viewlet",
    "plone.app.discussion.tests.test_contentrules",
    "plone.app.discussion.tests.test_controlpanel",
    "plone.app.discussion.tests.test_conversation",
    "plone.app.discussion.tests.test_events",
    "plone.app.discussion.tests.test_functional",
    "plone.app.discussion.tests.test_indexers",
    "plone.app.discussion.tests.test_moderation_multiple_state_view",
    "plone.app.discussion.tests.test_moderation_view",
    "plone.app.discussion.tests.test_notifications",
    "plone.app.discussion.tests.test_permissions",
    "plone.app.discussion.tests.test_workflow",
]


def test_suite():
    return upstream_suite(MODULES)
