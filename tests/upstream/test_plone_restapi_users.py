"""plone.restapi's users and groups tests with collab.portal installed:
the add-on overrides ``POST`` and ``PATCH @users`` (member field rules),
and its contact groups keep Plone groups of their own."""

from upstream.suites import upstream_suite


MODULES = [
    "plone.restapi.tests.test_services_users",
    "plone.restapi.tests.test_services_groups",
]


def test_suite():
    return upstream_suite(MODULES)
