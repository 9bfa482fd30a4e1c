"""REST services of the comment engine, one folder per endpoint."""
