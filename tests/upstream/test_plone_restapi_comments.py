"""plone.restapi's comment tests with collab.portal installed: the comment
serializers, the ``@comments`` service, and the ``allow_discussion``
tests of the content serializer."""

from upstream.suites import upstream_suite


MODULES = [
    "plone.restapi.tests.test_comments",
    "plone.restapi.tests.test_services_comments",
]


def allow_discussion(test):
    return "allow_discussion" in test._testMethodName


def test_suite():
    suite = upstream_suite(MODULES)
    suite.addTests(
        upstream_suite(
            ["plone.restapi.tests.test_dxcontent_serializer"], select=allow_discussion
        )
    )
    return suite
