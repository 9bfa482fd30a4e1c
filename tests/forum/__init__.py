"""Tests of the forum feature."""
