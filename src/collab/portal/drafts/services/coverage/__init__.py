"""``@coverage`` of a draft."""
