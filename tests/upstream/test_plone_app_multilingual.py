"""plone.app.multilingual's shipped tests with collab.portal installed, on
its own fixtures (languages en, ca, es). What is left out, and why, is in
``upstream/pam.py``."""

from upstream.pam import pam_suite


def test_suite():
    return pam_suite()
