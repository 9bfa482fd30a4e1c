"""REST services of the contacts feature, one folder per endpoint."""
