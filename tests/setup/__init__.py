"""Tests of installing, upgrading, the distribution, translations and
the control panel."""
