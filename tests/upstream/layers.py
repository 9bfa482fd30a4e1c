"""Upstream test layers with collab.portal installed on top.

plone.app.discussion's and plone.restapi's tests name their own layers. The
same layers are rebuilt here with one more sandbox between the upstream
Plone fixture and the integration or functional layer: it loads the
add-on's ZCML and applies ``collab.portal:default``, as a site
administrator does with the add-on installer. The upstream fixture's own
set-up (its users, its document, its dexterity types) runs unchanged.
"""

from plone.app.testing import applyProfile
from plone.app.testing import PloneSandboxLayer


class CollabPortalOn(PloneSandboxLayer):
    """collab.portal installed on the site an upstream fixture made."""

    def __init__(self, base):
        super().__init__(bases=(base,), name=f"{base.__name__}+collab.portal")

    def setUpZope(self, app, configurationContext):
        import collab.portal

        self.loadZCML(package=collab.portal, context=configurationContext)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "collab.portal:default")


_installed = {}
_layers = {}


def installed_on(fixture):
    """One CollabPortalOn per upstream fixture, shared by its layers."""
    if fixture not in _installed:
        _installed[fixture] = CollabPortalOn(fixture)
    return _installed[fixture]


def with_collab_portal(layer):
    """The upstream ``layer`` (an IntegrationTesting or FunctionalTesting)
    rebuilt on its fixture with collab.portal installed.

    Bases that are Plone sandboxes get the add-on; a plain layer standing
    between (plone.app.multilingual's ``MultipleLanguagesLayer``) is
    rebuilt on the rebuilt sandbox; other bases (the WSGI server, a
    time-zone fixture) stay as they are.
    """
    if layer in _layers:
        return _layers[layer]
    bases = tuple(_on_collab_portal(base) for base in layer.__bases__)
    assert any(_has_collab_portal(base) for base in bases), layer
    rebuilt = type(layer)(bases=bases, name=f"{layer.__name__} with collab.portal")
    _layers[layer] = rebuilt
    return rebuilt


def _on_collab_portal(base):
    if isinstance(base, PloneSandboxLayer):
        return installed_on(base)
    if any(_leads_to_sandbox(b) for b in base.__bases__):
        return with_collab_portal(base)
    return base


def _leads_to_sandbox(layer):
    return isinstance(layer, PloneSandboxLayer) or any(
        _leads_to_sandbox(base) for base in layer.__bases__
    )


def _has_collab_portal(layer):
    return isinstance(layer, CollabPortalOn) or any(
        _has_collab_portal(base) for base in layer.__bases__
    )
