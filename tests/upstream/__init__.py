"""Plone's own comment test suites, run against a site with collab.portal
installed."""
