"""plone.app.multilingual's shipped test modules, collected onto a layer
of the add-on's choosing (its own fixture, or a collab-portal site).

Left out everywhere:

- the robot tests: they need a Robot Framework browser of their own; the
  add-on's language pages have tests in tests/languages/;
- ``test_setup.TestSetupWithVolto``: it installs plone.volto, the Volto
  frontend's add-on. collab.portal is a Classic UI site and does not
  install it: plone.volto registers itself by z3c.autoinclude, so having it
  in the venv would load its ZCML and monkey patches into every instance
  the venv runs. ``plone.app.multilingual.testing`` only imports it for
  that layer, so a placeholder module stands in for the import while the
  suite is collected.
"""

from upstream.suites import upstream_suite
import importlib.util
import sys
import types


PAM = "plone.app.multilingual.tests"

MODULES = [
    f"{PAM}.test_alternates",
    f"{PAM}.test_api",
    f"{PAM}.test_catalog",
    f"{PAM}.test_directives",
    f"{PAM}.test_form",
    f"{PAM}.test_helper_views",
    f"{PAM}.test_lif",
    f"{PAM}.test_lrf",
    f"{PAM}.test_menu",
    f"{PAM}.test_selector",
    f"{PAM}.test_setup",
    f"{PAM}.test_sitemap",
    f"{PAM}.test_subscribers",
    f"{PAM}.test_switcher",
    f"{PAM}.test_uninstall",
    f"{PAM}.test_vocabularies",
]


def not_volto(test):
    return type(test).__name__ != "TestSetupWithVolto"


def pam_suite(modules=MODULES, **options):
    if importlib.util.find_spec("plone.volto") is not None:
        return upstream_suite(modules, select=not_volto, **options)
    # Only while the modules are imported: nothing later may take the
    # placeholder for an installed plone.volto.
    sys.modules["plone.volto"] = types.ModuleType("plone.volto")
    try:
        return upstream_suite(modules, select=not_volto, **options)
    finally:
        del sys.modules["plone.volto"]
