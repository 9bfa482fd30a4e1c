"""Classic UI pages of the forum feature."""
