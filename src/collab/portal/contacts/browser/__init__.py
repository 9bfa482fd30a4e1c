"""Pages of the contacts feature (Classic UI)."""
