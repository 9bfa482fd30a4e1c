"""Tests of the shared parts at the top: clock, tokens, dates, errors."""
