"""REST of the contacts feature, one folder per endpoint."""
