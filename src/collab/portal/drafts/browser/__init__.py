"""Pages of the drafts feature (Classic UI)."""
