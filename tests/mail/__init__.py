"""Tests of the shared mail module: queued sending, retries, settings."""
