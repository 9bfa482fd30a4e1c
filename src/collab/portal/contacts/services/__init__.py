"""REST services of the contacts feature."""
