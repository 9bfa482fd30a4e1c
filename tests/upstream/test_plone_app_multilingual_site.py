"""plone.app.multilingual's shipped tests on a site the ``collab-portal``
distribution makes in plone.app.multilingual's languages (en, ca, es):
the add-on's own language roots, front pages and selector settings under
the upstream tests (issue 23, item 33: translating into ``es`` landed in
the Catalan folder, the selector lost the view and ``set_language``).

Left out besides what ``upstream/pam.py`` leaves out, because they assume a
site other than the one the distribution makes (they run on
plone.app.multilingual's own fixture in test_plone_app_multilingual.py):

- ``test_setup``, ``test_uninstall``: they set up or remove
  plone.app.multilingual on a site without language roots; the
  distribution makes the roots with the site, and the add-on depends on
  plone.app.multilingual;
- ``test_catalog``: it counts every item of a language, and the site has a
  front page in each root.
"""

from upstream.pam import MODULES
from upstream.pam import pam_suite
from upstream.site_layers import on_collab_site


ASSUME_ANOTHER_SITE = ("test_setup", "test_uninstall", "test_catalog")


def test_suite():
    modules = [m for m in MODULES if m.rpartition(".")[2] not in ASSUME_ANOTHER_SITE]
    return pam_suite(modules, layer_for=on_collab_site)
