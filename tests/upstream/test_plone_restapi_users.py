"""plone.restapi's users, groups, principals and user schema tests with
collab.portal installed: the add-on overrides ``POST`` and ``PATCH
@users`` (member field rules, CSV files checked row by row), adds member
fields (organisation, country), its contact groups keep Plone groups of
their own, and deleted users leave nothing behind."""

from upstream.suites import upstream_suite


MODULES = [
    "plone.restapi.tests.test_services_users",
    "plone.restapi.tests.test_services_groups",
    "plone.restapi.tests.test_services_principals",
    "plone.restapi.tests.test_services_userschema",
]


def test_suite():
    return upstream_suite(MODULES)
