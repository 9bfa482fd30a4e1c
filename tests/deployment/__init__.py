"""Tests of deployment: buildout, PostgreSQL, a started site's mail and
the clock loop."""
