"""plone.app.multilingual's layers rebuilt on a site the ``collab-portal``
distribution makes in plone.app.multilingual's own languages (en, ca,
es), without demo content: the add-on's own language machinery (roots and
front pages by ``distributions.languages``, its selector settings) under
plone.app.multilingual's tests. What the upstream fixture adds on top of
its site (its test ZCML, related items as a language-independent field,
the test user as Manager, simple_publication_workflow by default) is
added here the same way.
"""

from collab.portal.testing import CollabPortalFixture
from collab.portal.testing import SITE_ANSWERS
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.configuration import xmlconfig
from zope.interface import alsoProvides


class PamLanguagesSiteFixture(CollabPortalFixture):
    SITES = (
        (
            "collab-portal",
            {**SITE_ANSWERS, "languages": ["en", "ca", "es"], "setup_content": False},
        ),
    )


PAM_LANGUAGES_SITE_FIXTURE = PamLanguagesSiteFixture()


class PamFixtureOnSite(PloneSandboxLayer):
    defaultBases = (PAM_LANGUAGES_SITE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
        from plone.app.relationfield.behavior import IRelatedItems
        import plone.app.multilingual

        for name in ("testing.zcml", "overrides.zcml"):
            xmlconfig.file(name, plone.app.multilingual, context=configurationContext)
        alsoProvides(IRelatedItems["relatedItems"], ILanguageIndependentField)

    def setUpPloneSite(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal.portal_workflow.setDefaultChain("simple_publication_workflow")


PAM_FIXTURE_ON_SITE = PamFixtureOnSite()

INTEGRATION = IntegrationTesting(
    bases=(PAM_FIXTURE_ON_SITE,), name="collab-portal site (en, ca, es):Integration"
)
FUNCTIONAL = FunctionalTesting(
    bases=(PAM_FIXTURE_ON_SITE,), name="collab-portal site (en, ca, es):Functional"
)


def on_collab_site(layer):
    """The site's functional layer for a functional upstream layer, else its
    integration layer."""
    return FUNCTIONAL if isinstance(layer, FunctionalTesting) else INTEGRATION
