"""Collect upstream test modules, unmodified, onto collab.portal's layers.

Each upstream TestCase class is subclassed with the rebuilt layer (its
methods and set-up are the upstream ones); layered doctest suites get the
rebuilt layer the same way. A test listed in ``differences.DIFFERENCES``
must fail, and for the documented reason: if it passes, or fails for
another reason, the build fails, so a new difference never goes unseen.
"""

from upstream.differences import DIFFERENCES
from upstream.layers import with_collab_portal
import importlib
import re
import unittest


def upstream_suite(module_names, select=None, layer_for=with_collab_portal):
    """The tests of ``module_names`` (those ``select`` accepts), each on
    ``layer_for(its upstream layer)``."""
    suite = unittest.TestSuite()
    for name in module_names:
        module = importlib.import_module(name)
        if hasattr(module, "test_suite"):
            found = module.test_suite()
        else:
            found = unittest.defaultTestLoader.loadTestsFromModule(module)
        for test in _flatten(found, layer_for):
            if select is None or select(test):
                test = _on_layer(test, layer_for)
                suite.addTest(test)
    return suite


_classes = {}


def _flatten(suite, layer_for, layer=None):
    """The tests of ``suite``; layered doctest suites already rebuilt."""
    layer = getattr(suite, "layer", layer)
    if isinstance(suite, unittest.TestSuite):
        if getattr(suite, "layer", None) is not None and not _has_cases(suite):
            # A layered doctest suite: same tests, rebuilt layer.
            rebuilt = unittest.TestSuite(list(suite))
            rebuilt.layer = layer_for(suite.layer)
            for test in rebuilt:
                # plone.testing's layered() gives each doctest its layer.
                if "layer" in getattr(test, "_dt_test", test).__dict__.get("globs", {}):
                    test._dt_test.globs["layer"] = rebuilt.layer
            yield rebuilt
            return
        for test in suite:
            yield from _flatten(test, layer_for, layer)
        return
    yield suite


def _has_cases(suite):
    return any(
        isinstance(test, unittest.TestCase)
        and not isinstance(test, unittest.FunctionTestCase)
        and type(test).__module__ != "doctest"
        for test in suite
    )


def _on_layer(test, layer_for):
    if isinstance(test, unittest.TestSuite):  # a rebuilt doctest suite
        return test
    cls = type(test)
    if getattr(cls, "layer", None) is None:
        # A plain unit test (plone.restapi's TestUnit): no site to install on.
        return test
    key = (cls, layer_for)
    if key not in _classes:
        attrs = {"layer": layer_for(cls.layer), "__module__": cls.__module__}
        for method, difference in DIFFERENCES.items():
            klass, _, name = method.rpartition(".")
            if klass == f"{cls.__module__}.{cls.__qualname__}":
                attrs[name] = _expect_difference(getattr(cls, name), difference)
        _classes[key] = type(cls.__name__, (cls,), attrs)
    return _classes[key](test._testMethodName)


def _expect_difference(method, difference):
    def test(self):
        try:
            method(self)
        except difference.error as error:
            if not re.search(difference.matches, str(error), re.S):
                raise AssertionError(
                    f"Fails for another reason than the documented one "
                    f"({difference.reason}): {error}"
                ) from error
            return
        raise AssertionError(
            f"Passes now, but is listed as an intended difference "
            f"({difference.reason}): remove it from upstream/differences.py."
        )

    test.__name__ = method.__name__
    test.__doc__ = method.__doc__
    return test
