"""Pages of the contacts feature."""
