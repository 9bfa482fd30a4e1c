"""REST services of following (one folder per endpoint)."""
